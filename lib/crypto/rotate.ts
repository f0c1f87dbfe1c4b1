import { executeSql } from "@/db/client";
import type { EncryptedColumn } from "./encrypted-column";
import type { Keyring } from "./keyring";
import { processKeyring } from "./process-keyring";
import { decryptSecret, encryptSecret, type SecretContext } from "./secret-box";

export type { EncryptedColumn } from "./encrypted-column";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const BATCH_SIZE = 500;

/** The associated data for a row: what the owning feature must pass when it encrypts. */
export function contextFor(column: EncryptedColumn, row: { id: string; tenantId: string }): SecretContext {
  return { tenantId: row.tenantId, table: column.table, rowId: row.id, field: column.field };
}

export type RotationResult = { scanned: number; reencrypted: number; byColumn: Record<string, number> };

/**
 * Re-encrypts every value in `columns` not yet under the current key. Safe to re-run and to
 * run beside a live app: a value that changes between read and write is left to its writer.
 */
export async function reencryptAll({
  columns,
  keyring = processKeyring(),
}: {
  columns: EncryptedColumn[];
  keyring?: Keyring;
}): Promise<RotationResult> {
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
