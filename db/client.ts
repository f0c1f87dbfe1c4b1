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

export type Connection = { kind: "pglite"; db: Db; pglite: PGlite } | { kind: "postgres"; db: Db; sql: postgres.Sql; url: string };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Next.js can evaluate this module in more than one bundle of the same server process;
// a second PGlite on the same folder would corrupt it, so the connection lives on globalThis.
const holder = globalThis as typeof globalThis & { __patchbayConnection?: Connection };

function connect(): Connection {
  const { databaseUrl, dataDir } = env();
  if (databaseUrl) {
    const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
    return { kind: "postgres", sql, url: databaseUrl, db: drizzlePostgres({ client: sql, schema }) as unknown as Db };
  }
  if (dataDir !== "memory://") fs.mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
  const pglite = new PGlite(dataDir === "memory://" ? undefined : path.join(dataDir, "pglite"));
  return { kind: "pglite", pglite, db: drizzlePglite({ client: pglite, schema }) as unknown as Db };
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
  else await conn.sql.end({ timeout: 5 });
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
