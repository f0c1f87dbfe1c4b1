import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * `db` runs as the role that connected (the owner, who migrates); `system` as patchbay_system,
 * the role cross-tenant work is let through row-level security by (db/schema/rls.ts).
 */
export type Connection =
  | { kind: "pglite"; db: Db; system: Db; pglite: PGlite }
  | { kind: "postgres"; db: Db; system: Db; sql: postgres.Sql; systemSql: postgres.Sql; url: string };

const SYSTEM_ROLE = "patchbay_system";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Next.js can evaluate this module in more than one bundle of the same server process;
// a second PGlite on the same folder would corrupt it, so the connection lives on globalThis.
const holder = globalThis as typeof globalThis & { __patchbayConnection?: Connection };

function connect(): Connection {
  const { databaseUrl, dataDir } = env();
  if (databaseUrl) {
    const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
    // A startup parameter, so every connection of this pool is the system role from its first
    // statement, at no cost per query. Opened lazily: the role exists once migrations have run.
    const systemSql = postgres(databaseUrl, { max: 5, onnotice: () => {}, connection: { role: SYSTEM_ROLE } });
    return {
      kind: "postgres",
      sql,
      systemSql,
      url: databaseUrl,
      db: drizzlePostgres({ client: sql, schema }) as unknown as Db,
      system: drizzlePostgres({ client: systemSql, schema }) as unknown as Db,
    };
  }
  if (dataDir !== "memory://") fs.mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
  const pglite = new PGlite(dataDir === "memory://" ? undefined : path.join(dataDir, "pglite"));
  return {
    kind: "pglite",
    pglite,
    db: drizzlePglite({ client: pglite, schema }) as unknown as Db,
    system: drizzlePglite({ client: asRole(pglite, SYSTEM_ROLE), schema }) as unknown as Db,
  };
}

/**
 * PGlite's one connection, with each statement and transaction run as `role`: the role is set
 * transaction-locally, since tenant work shares the connection between statements.
 */
function asRole(pglite: PGlite, role: string): PGlite {
  const enter = `select set_config('role', '${role}', true)`;
  const client: Pick<PGlite, "query" | "transaction"> = {
    query: (text, params, options) =>
      pglite.transaction(async (tx) => {
        await tx.query(enter);
        return tx.query(text, params, options);
      }),
    transaction: (fn) =>
      pglite.transaction(async (tx) => {
        await tx.query(enter);
        return fn(tx);
      }),
  };
  return client as PGlite;
}

export function connection(): Connection {
  holder.__patchbayConnection ??= connect();
  return holder.__patchbayConnection;
}

export function db(): Db {
  return connection().db;
}

export async function migrateDatabase(): Promise<void> {
  const conn = connection();
  if (conn.kind === "pglite") {
    await migratePglite(conn.db as never, { migrationsFolder });
  } else {
    await migratePostgres(conn.db as never, { migrationsFolder });
  }
}

export async function closeDatabase(): Promise<void> {
  const conn = holder.__patchbayConnection;
  if (!conn) return;
  holder.__patchbayConnection = undefined;
  if (conn.kind === "pglite") await conn.pglite.close();
  else await Promise.all([conn.sql.end({ timeout: 5 }), conn.systemSql.end({ timeout: 5 })]);
}

/**
 * Swaps the PostgreSQL pool for a fresh one and ends the old one: for a pool that may hold
 * connections postgres.js can no longer use (see DRIVER_CRASH in lib/jobs/outage.ts). Queries
 * still running on the old pool fail as if the server had gone away; later ones use the new pool.
 */
export function replacePostgresPool(): void {
  const conn = holder.__patchbayConnection;
  if (conn?.kind !== "postgres") return;
  holder.__patchbayConnection = connect();
  void conn.sql.end({ timeout: 0 }).catch(() => {});
  void conn.systemSql.end({ timeout: 0 }).catch(() => {});
}

/** Runs SQL text as pg-boss and other raw callers need it, on either driver. */
export async function executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
  const conn = connection();
  if (conn.kind === "postgres") {
    const rows = await conn.sql.unsafe(text, (values ?? []) as postgres.ParameterOrJSON<never>[]);
    return { rows: [...rows] };
  }
  if (values && values.length > 0) {
    const result = await conn.pglite.query<Record<string, unknown>>(text, values);
    return { rows: result.rows };
  }
  // Parameterless text may hold several statements (pg-boss's schema and locking scripts).
  const results = await conn.pglite.exec(text);
  return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
}

/** `tx.execute` answers an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
