import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { executeSql } from "@/db/client";
import { parseKeyring } from "./keyring";
import { ENCRYPTED_COLUMNS } from "@/lib/runtime/encrypted-columns";
import { contextFor, reencryptAll, type EncryptedColumn } from "./rotate";
import { decryptSecret, encryptSecret, keyVersionOf } from "./secret-box";

const k1 = `v1:${randomBytes(32).toString("base64")}`;
const k2 = `v2:${randomBytes(32).toString("base64")}`;
const v1 = parseKeyring(k1);
const v2v1 = parseKeyring(`${k2},${k1}`);
const v2Only = parseKeyring(k2);

const column: EncryptedColumn = {
  table: "secret_things",
  idColumn: "id",
  tenantColumn: "tenant_id",
  column: "secret",
  field: "secret",
};

type Row = { id: string; tenant_id: string; secret: string | null };

async function insert(rows: { id: string; tenantId: string; secret: string | null }[]) {
  const values = rows.flatMap((r) => [r.id, r.tenantId, r.secret]);
  const tuples = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(", ");
  await executeSql(`insert into secret_things (id, tenant_id, secret) values ${tuples}`, values);
}

function sealedRow(plaintext: string, keyring = v1) {
  const row = { id: randomUUID(), tenantId: randomUUID() };
  return { ...row, secret: encryptSecret(plaintext, contextFor(column, row), keyring) };
}

async function allRows(): Promise<Row[]> {
  return (await executeSql("select id, tenant_id, secret from secret_things order by id")).rows as Row[];
}

beforeEach(async () => {
  await executeSql("drop table if exists secret_things");
  await executeSql("create table secret_things (id uuid primary key default gen_random_uuid(), tenant_id uuid not null, secret text)");
});

describe("reencryptAll", () => {
  it("moves every value to the current key so the old key can be dropped", async () => {
    // More rows than one batch, to cover paging.
    const plaintexts = new Map<string, string>();
    const rows = Array.from({ length: 1_100 }, (_, i) => {
      const row = sealedRow(`credential-${i}`);
      plaintexts.set(row.id, `credential-${i}`);
      return row;
    });
    for (let i = 0; i < rows.length; i += 300) await insert(rows.slice(i, i + 300));
    await insert([{ id: randomUUID(), tenantId: randomUUID(), secret: null }]);

    const result = await reencryptAll({ columns: [column], keyring: v2v1 });
    expect(result).toEqual({ scanned: 1_100, reencrypted: 1_100, byColumn: { "secret_things.secret": 1_100 } });

    for (const row of await allRows()) {
      if (row.secret === null) continue;
      expect(keyVersionOf(row.secret)).toBe("v2");
      const ctx = contextFor(column, { id: row.id, tenantId: row.tenant_id });
      expect(decryptSecret(row.secret, ctx, v2Only)).toBe(plaintexts.get(row.id));
    }

    expect(await reencryptAll({ columns: [column], keyring: v2v1 })).toEqual({
      scanned: 0,
      reencrypted: 0,
      byColumn: { "secret_things.secret": 0 },
    });
  });

  it("leaves values already under the current key untouched", async () => {
    const current = sealedRow("already new", v2v1);
    const old = sealedRow("still old");
    await insert([current, old]);

    const result = await reencryptAll({ columns: [column], keyring: v2v1 });

    expect(result.reencrypted).toBe(1);
    const after = new Map((await allRows()).map((r) => [r.id, r.secret]));
    expect(after.get(current.id)).toBe(current.secret);
    expect(keyVersionOf(after.get(old.id)!)).toBe("v2");
  });

  it("stops, naming the row, when a value cannot be decrypted, so the old key is not dropped", async () => {
    const misplaced = { ...sealedRow("moved"), tenantId: randomUUID() };
    await insert([misplaced]);

    await expect(reencryptAll({ columns: [column], keyring: v2v1 })).rejects.toThrow(
      `Cannot rotate secret_things.secret row ${misplaced.id}`,
    );
    expect((await allRows())[0]!.secret).toBe(misplaced.secret);
  });

  it("refuses identifiers that are not plain SQL names", async () => {
    await expect(reencryptAll({ columns: [{ ...column, table: "secret_things; drop table tenants" }], keyring: v2v1 })).rejects.toThrow(
      /unsafe SQL identifier/,
    );
  });

  it("covers integration credentials, OAuth tokens and verifiers, webhook secrets, SSO secrets, Slack alert URLs and uploaded import files, and has nothing to do while none are stored", async () => {
    const columns = [
      "integrations.credentials",
      "oauth_connections.tokens",
      "oauth_states.code_verifier",
      "webhook_endpoints.secret",
      "webhook_endpoints.previous_secret",
      "webhook_endpoints.headers",
      "webhook_endpoints.auth_credentials",
      "webhook_receivers.secret",
      "sso_connections.oidc_client_secret",
      "sso_flows.code_verifier",
      "alert_channels.slack_url",
      "file_chunks.data",
    ];
    expect(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`)).toEqual(columns);
    expect(await reencryptAll({ columns: ENCRYPTED_COLUMNS, keyring: v2v1 })).toEqual({
      scanned: 0,
      reencrypted: 0,
      byColumn: Object.fromEntries(columns.map((c) => [c, 0])),
    });
  });
});
