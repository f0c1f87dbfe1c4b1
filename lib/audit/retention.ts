import { sql } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { withSystem } from "@/lib/tenancy/data";
import { AUDIT_RETENTION_DAYS } from "./schema";

const SLICE = 10_000;

/**
 * Audit events older than their tenant's retention setting (a year unless changed) go; events
 * outside any tenant (failed sign-ins) are kept for the default. The table refuses deletes
 * (migration 0011's trigger) except in a transaction that says it is this prune.
 */
export async function pruneAuditEvents(now = new Date()): Promise<number> {
  return withSystem("audit retention prune", async () => {
    let total = 0;
    for (;;) {
      const n = await db().transaction(async (tx) => {
        await tx.execute(sql`select set_config('patchbay.audit_prune', 'on', true)`);
        const result = await tx.execute(sql`
          with gone as (
            delete from audit_events where id in (
              select e.id from audit_events e left join alert_settings s on s.tenant_id = e.tenant_id
              where e.created_at < ${now.toISOString()}::timestamptz
                - make_interval(days => coalesce(s.audit_retention_days, ${AUDIT_RETENTION_DAYS.default}))
              limit ${SLICE}
            ) returning 1
          ) select count(*)::int as n from gone`);
        return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
      });
      total += n;
      if (n < SLICE) return total;
    }
  });
}
