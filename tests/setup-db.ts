import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import postgres from "postgres";

// Each test file gets its own empty database: in-memory PGlite by default, or a fresh
// database on the real PostgreSQL named by TEST_DATABASE_URL (CI runs both).
const adminUrl = process.env.TEST_DATABASE_URL;
let dropDatabase: (() => Promise<void>) | null = null;

if (adminUrl) {
  const name = `patchbay_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  delete process.env.DATABASE_URL;
  process.env.PATCHBAY_DATA_DIR = "memory://";
}
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;

const { migrateDatabase, closeDatabase, executeSql } = await import("@/db/client");
await migrateDatabase();

// Tests in one file share the database; each starts from empty tables (the schema stays).
beforeEach(async () => {
  const { rows } = await executeSql("select tablename from pg_tables where schemaname = 'public'");
  const tables = rows.map((r) => `"${String(r.tablename)}"`);
  if (tables.length > 0) await executeSql(`truncate ${tables.join(", ")} cascade`);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});
