import { sql } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { withSystem } from "@/lib/tenancy/data";

export const RAW_RETENTION_DAYS = 30;
export const ROLLUP_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;
// A day of raw checks at scale is millions of rows: deleting in slices keeps each transaction short.
const SLICE = 20_000;

async function deleteInSlices(
  table: "health_checks" | "health_transitions",
  column: "checked_at" | "created_at",
  cutoff: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db().execute(sql`
      with gone as (
        delete from ${sql.identifier(table)} where id in (
          select id from ${sql.identifier(table)} where ${sql.identifier(column)} < ${cutoff.toISOString()}::timestamptz limit ${SLICE}
        ) returning 1
      ) select count(*)::int as n from gone`);
    const n = Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
    total += n;
    if (n < SLICE) return total;
  }
}

/** Raw checks go after 30 days; hourly rollups and status transitions are kept a year. */
export async function pruneHealthHistory(now = new Date()): Promise<{ checks: number; rollups: number; transitions: number }> {
  return withSystem("health history prune", () => prune(now));
}

async function prune(now: Date): Promise<{ checks: number; rollups: number; transitions: number }> {
  const rawCutoff = new Date(now.getTime() - RAW_RETENTION_DAYS * DAY_MS);
  const yearCutoff = new Date(now.getTime() - ROLLUP_RETENTION_DAYS * DAY_MS);
  const checks = await deleteInSlices("health_checks", "checked_at", rawCutoff);
  const transitions = await deleteInSlices("health_transitions", "created_at", yearCutoff);
  const rollups = await db().execute(sql`
    with gone as (delete from health_rollups_hourly where hour < ${yearCutoff.toISOString()}::timestamptz returning 1)
    select count(*)::int as n from gone`);
  return { checks, rollups: Number(rowsOf<{ n: number }>(rollups)[0]?.n ?? 0), transitions };
}
