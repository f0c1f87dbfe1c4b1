import { randomBytes, randomUUID } from "node:crypto";
import { getTableName, is, sql } from "drizzle-orm";
import { PgDialect, PgTable, getTableConfig, type PgColumn } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { db, executeSql, rowsOf, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { integrations } from "@/db/schema";
import { withTenant } from "@/lib/tenancy/data";

// Every table of the schema with a tenant_id: a table added later is covered without a list.
const tenantTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .filter((table) => getTableConfig(table).columns.some((c) => c.name === "tenant_id"));

const dialect = new PgDialect();
type Row = Record<string, unknown>;

// Text columns held to a list by a check constraint (`col in ('a', 'b')`) take its first value.
function checkedValues(table: PgTable): Map<string, string> {
  const values = new Map<string, string>();
  for (const check of getTableConfig(table).checks) {
    const match = /"(\w+)" in \('([^']*)'/.exec(dialect.sqlToQuery(check.value).sql);
    if (match) values.set(match[1]!, match[2]!);
  }
  return values;
}

function valueFor(column: PgColumn, checked: Map<string, string>): unknown {
  if (checked.has(column.name)) return checked.get(column.name);
  if (column.enumValues?.length) return column.enumValues[0];
  const type = column.getSQLType();
  if (type.endsWith("[]")) return "{}";
  if (type === "uuid") return randomUUID();
  if (type === "text" || type.startsWith("varchar")) return `rls-${randomBytes(6).toString("hex")}`;
  if (/^(integer|smallint|bigint|bigserial|serial|real|double precision|numeric)/.test(type)) return 1;
  if (type === "boolean") return false;
  if (type.startsWith("timestamp") || type === "date") return new Date().toISOString();
  if (type === "jsonb" || type === "json") return "{}";
  if (type === "bytea") return "\\x00";
  throw new Error(`db/rls.test.ts: no value for ${getTableName(column.table)}.${column.name} (${type}); teach valueFor this type.`);
}

/**
 * The column values of a new row of `table` for `tenantId`: required columns from their types,
 * required references from parent rows created first (as the owner, so fresh each time).
 */
async function rowValues(table: PgTable, tenantId: string): Promise<Row> {
  const config = getTableConfig(table);
  const checked = checkedValues(table);
  const values: Row = {};
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    if (ref.columns.every((c) => !c.notNull)) continue;
    const parent = ref.foreignTable === schema.tenants ? { id: tenantId } : await insertRow(ref.foreignTable, tenantId);
    ref.columns.forEach((c, i) => (values[c.name] = parent[ref.foreignColumns[i]!.name]));
  }
  for (const column of config.columns) {
    if (column.name in values) continue;
    if (column.name === "tenant_id") values.tenant_id = tenantId;
    else if (column.notNull && !column.hasDefault) values[column.name] = valueFor(column, checked);
  }
  return values;
}

function insertText(table: PgTable, row: Row): { text: string; values: unknown[] } {
  const names = Object.keys(row);
  return {
    text: `insert into "${getTableName(table)}" (${names.map((n) => `"${n}"`).join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning *`,
    values: Object.values(row),
  };
}

async function insertRow(table: PgTable, tenantId: string): Promise<Row> {
  const { text, values } = insertText(table, await rowValues(table, tenantId));
  const { rows } = await executeSql(text, values);
  return rows[0]!;
}

async function newTenant(slug: string): Promise<string> {
  const { rows } = await executeSql(`insert into tenants (name, slug) values ($1, $1) returning id`, [slug]);
  return String(rows[0]!.id);
}

/** Runs `fn` as the role tenant work runs as, with `tenantId` set (or none), then rolls back. */
async function asApp<T>(tenantId: string | null, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T;
  const rollback = new Error("rollback");
  await db()
    .transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'patchbay_app', true)`);
      if (tenantId) await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      result = await fn(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return result!;
}

async function count(tx: Db, text: string, values: unknown[] = []): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await tx.execute(literal({ text, values })));
  return Number(row!.n);
}

/** The SQLSTATE and message of what `fn` threw inside a savepoint, or "" when it did not throw. */
async function refusal(tx: Db, fn: (tx: Db) => Promise<unknown>): Promise<string> {
  try {
    await tx.transaction(async (inner) => {
      await fn(inner);
    });
    return "";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return `${(cause as { code?: string }).code} ${(cause as Error).message}`;
  }
}

describe("row-level security, for every table with a tenant_id", () => {
  it("finds the tenant tables in the schema", () => {
    expect(tenantTables.length).toBeGreaterThan(40);
    expect(tenantTables).toContain(integrations);
  });

  it("runs tenant work as a role that is neither superuser nor exempt from row-level security", async () => {
    const { rows } = await executeSql(`select rolsuper, rolbypassrls from pg_roles where rolname = 'patchbay_app'`);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    await withTenant({ tenant: { id: randomUUID() } }, async (tx) => {
      const [row] = rowsOf<{ role: string }>(await tx.execute(sql`select current_user as role`));
      expect(row!.role).toBe("patchbay_app");
    });
  });

  it.each(tenantTables.map((t) => [getTableName(t), t] as const))(
    "%s: enabled, forced, with both policies, indexed on tenant_id",
    async (name) => {
      const { rows: flags } = await executeSql(`select relrowsecurity, relforcerowsecurity from pg_class where oid = $1::regclass`, [name]);
      expect(flags).toEqual([{ relrowsecurity: true, relforcerowsecurity: true }]);
      const { rows: policies } = await executeSql(
        `select policyname, permissive, roles::text as roles, cmd, qual, with_check from pg_policies where schemaname = 'public' and tablename = $1 order by policyname`,
        [name],
      );
      expect(policies).toEqual([
        { policyname: "system_work", permissive: "PERMISSIVE", roles: "{patchbay_system}", cmd: "ALL", qual: "true", with_check: "true" },
        expect.objectContaining({ policyname: "tenant_isolation", permissive: "PERMISSIVE", roles: "{patchbay_app}", cmd: "ALL" }),
      ]);
      for (const column of ["qual", "with_check"]) {
        expect(String(policies[1]![column])).toMatch(
          /tenant_id = \( SELECT \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid/,
        );
      }
      // Some index (the primary key counts) leads with tenant_id, so the policy's filter is cheap.
      const { rows: indexes } = await executeSql(
        `select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = $1::regclass and a.attname = 'tenant_id'`,
        [name],
      );
      expect(indexes.length).toBeGreaterThan(0);
    },
  );

  it.each(tenantTables.map((t) => [getTableName(t), t] as const))(
    "%s: tenant A's work cannot read, change or write tenant B's rows",
    async (name, table) => {
      const [a, b] = [await newTenant("tenant-a"), await newTenant("tenant-b")];
      await insertRow(table, a);
      await insertRow(table, b);
      const forA = insertText(table, await rowValues(table, a));
      const forB = insertText(table, await rowValues(table, b));

      await asApp(a, async (tx) => {
        expect(await count(tx, `select count(*) as n from "${name}" where tenant_id = $1`, [b])).toBe(0);
        expect(await count(tx, `select count(*) as n from "${name}" where tenant_id <> $1`, [a])).toBe(0);
        expect(await count(tx, `select count(*) as n from "${name}" where tenant_id = $1`, [a])).toBeGreaterThan(0);
        expect(
          await count(
            tx,
            `with u as (update "${name}" set tenant_id = tenant_id where tenant_id = $1 returning 1) select count(*) as n from u`,
            [b],
          ),
        ).toBe(0);
        expect(await count(tx, `with d as (delete from "${name}" where tenant_id = $1 returning 1) select count(*) as n from d`, [b])).toBe(
          0,
        );
        // Moving one of A's own rows to B is a write for B too (audit_events' trigger refuses any update first).
        expect(
          await refusal(tx, (inner) => inner.execute(sql.raw(`update "${name}" set tenant_id = '${b}' where tenant_id = '${a}'`))),
        ).toMatch(/^42501 /);
        expect(await refusal(tx, (inner) => inner.execute(literal(forB)))).toMatch(/^42501 .*row-level security/);
        // A row of A's own passes the policy: written, or refused only by a table holding one row per
        // tenant (the policy's check comes before the unique index's).
        expect(await refusal(tx, (inner) => inner.execute(literal(forA)))).toMatch(/^(23505 .*)?$/);
      });
      // The owner still sees B's row: nothing above changed it.
      expect(await count(db(), `select count(*) as n from "${name}" where tenant_id = $1`, [b])).toBe(1);

      await asApp(null, async (tx) => {
        expect(await count(tx, `select count(*) as n from "${name}"`)).toBe(0);
        expect(await refusal(tx, (inner) => inner.execute(literal(forA)))).toMatch(/^42501 .*row-level security/);
      });
    },
  );
});

describe("a query that forgets its tenant filter", () => {
  it("returns only the tenant's own rows inside withTenant, where before it returned every tenant's", async () => {
    const [a, b] = [await newTenant("tenant-a"), await newTenant("tenant-b")];
    const ownRow = await insertRow(integrations, a);
    await insertRow(integrations, b);

    // The filter `visibleTo(integrations, scope)` left out on purpose.
    const unfiltered = (tx: Db) => tx.select({ id: integrations.id, tenantId: integrations.tenantId }).from(integrations);
    expect(await withTenant({ tenant: { id: a } }, unfiltered)).toEqual([{ id: ownRow.id, tenantId: a }]);
    expect(
      await withTenant({ tenant: { id: b } }, (tx) =>
        tx
          .delete(integrations)
          .where(sql`id = ${ownRow.id}`)
          .returning(),
      ),
    ).toEqual([]);
    // What the owner's connection (no tenant role) sees, for contrast: both.
    expect(await unfiltered(db())).toHaveLength(2);
  });
});

// drizzle's execute takes SQL, not text and values: the values become quoted literals.
function literal({ text, values }: { text: string; values: unknown[] }) {
  return sql.raw(text.replace(/\$(\d+)/g, (_, i: string) => `'${String(values[Number(i) - 1]).replaceAll("'", "''")}'`));
}
