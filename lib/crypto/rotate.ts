import { executeSql } from "@/db/client";
import type { Keyring } from "./keyring";
import { processKeyring } from "./process-keyring";
import { decryptSecret, encryptSecret, type SecretContext } from "./secret-box";

/** Raw SQL identifiers: they are spliced into query text, so they are checked before use. */
export type EncryptedColumn = { table: string; idColumn: string; tenantColumn: string; column: string; field: string };

export const INTEGRATION_CREDENTIALS_COLUMN: EncryptedColumn = {
  table: "integrations",
  idColumn: "id",
  tenantColumn: "tenant_id",
  column: "credentials",
  field: "credentials",
};

export const OAUTH_TOKENS_COLUMN: EncryptedColumn = {
  table: "oauth_connections",
  idColumn: "integration_id",
  tenantColumn: "tenant_id",
  column: "tokens",
  field: "tokens",
};

export const OAUTH_CODE_VERIFIER_COLUMN: EncryptedColumn = {
  table: "oauth_states",
  idColumn: "id",
  tenantColumn: "tenant_id",
  column: "code_verifier",
  field: "code_verifier",
};

const webhookColumn = (table: string, column: string): EncryptedColumn => ({
  table,
  idColumn: "id",
  tenantColumn: "tenant_id",
  column,
  field: column,
});
export const WEBHOOK_ENDPOINT_SECRET_COLUMN = webhookColumn("webhook_endpoints", "secret");
export const WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN = webhookColumn("webhook_endpoints", "previous_secret");
export const WEBHOOK_ENDPOINT_HEADERS_COLUMN = webhookColumn("webhook_endpoints", "headers");
export const WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN = webhookColumn("webhook_endpoints", "auth_credentials");
export const WEBHOOK_RECEIVER_SECRET_COLUMN = webhookColumn("webhook_receivers", "secret");

/**
 * Every column holding values from encryptSecret. Each feature that stores a secret adds
 * its column here, or `patchbay keys rotate` leaves that column under the old key and the
 * operator loses it when they drop that key.
 */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  INTEGRATION_CREDENTIALS_COLUMN,
  OAUTH_TOKENS_COLUMN,
  OAUTH_CODE_VERIFIER_COLUMN,
  WEBHOOK_ENDPOINT_SECRET_COLUMN,
  WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN,
  WEBHOOK_ENDPOINT_HEADERS_COLUMN,
  WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN,
  WEBHOOK_RECEIVER_SECRET_COLUMN,
];

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const BATCH_SIZE = 500;

/** The associated data for a row: what the owning feature must pass when it encrypts. */
export function contextFor(column: EncryptedColumn, row: { id: string; tenantId: string }): SecretContext {
  return { tenantId: row.tenantId, table: column.table, rowId: row.id, field: column.field };
}

export type RotationResult = { scanned: number; reencrypted: number; byColumn: Record<string, number> };

/**
 * Re-encrypts every registered value not yet under the current key. Safe to re-run and to
 * run beside a live app: a value that changes between read and write is left to its writer.
 */
export async function reencryptAll({
  columns = ENCRYPTED_COLUMNS,
  keyring = processKeyring(),
}: { columns?: EncryptedColumn[]; keyring?: Keyring } = {}): Promise<RotationResult> {
  for (const c of columns) {
    for (const name of [c.table, c.idColumn, c.tenantColumn, c.column]) {
      if (!IDENTIFIER.test(name)) throw new Error(`Encrypted column entry has an unsafe SQL identifier: ${JSON.stringify(name)}`);
    }
  }
  const result: RotationResult = { scanned: 0, reencrypted: 0, byColumn: {} };
  for (const column of columns) {
    const { scanned, reencrypted } = await reencryptColumn(column, keyring);
    result.scanned += scanned;
    result.reencrypted += reencrypted;
    result.byColumn[`${column.table}.${column.column}`] = reencrypted;
  }
  return result;
}

async function reencryptColumn(column: EncryptedColumn, keyring: Keyring) {
  const { table, idColumn, tenantColumn, column: valueColumn } = column;
  const current = `pbenc:${keyring.current.version}:%`;
  const select = (after: boolean) =>
    `select ${idColumn} as id, ${tenantColumn} as tenant_id, ${valueColumn} as value from ${table}
     where ${valueColumn} is not null and ${valueColumn} not like $1 ${after ? `and ${idColumn} > $2` : ""}
     order by ${idColumn} limit ${BATCH_SIZE}`;
  const update = `update ${table} set ${valueColumn} = $1 where ${idColumn} = $2 and ${valueColumn} = $3 returning ${idColumn}`;

  let scanned = 0;
  let reencrypted = 0;
  // Keyset paging by id: rows already moved drop out of the filter, and a row skipped
  // because it changed concurrently is not revisited in an endless loop.
  let lastId: unknown = null;
  for (;;) {
    const { rows } = await executeSql(select(lastId !== null), lastId === null ? [current] : [current, lastId]);
    for (const row of rows) {
      const ctx = contextFor(column, { id: String(row.id), tenantId: String(row.tenant_id) });
      const value = String(row.value);
      let plaintext: string;
      try {
        plaintext = decryptSecret(value, ctx, keyring);
      } catch (error) {
        throw new Error(`Cannot rotate ${table}.${valueColumn} row ${ctx.rowId}: ${(error as Error).message}`, { cause: error });
      }
      const updated = await executeSql(update, [encryptSecret(plaintext, ctx, keyring), row.id, value]);
      reencrypted += updated.rows.length;
    }
    scanned += rows.length;
    if (rows.length < BATCH_SIZE) return { scanned, reencrypted };
    lastId = rows.at(-1)!.id;
  }
}
