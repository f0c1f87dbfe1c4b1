import { and, eq, isNotNull, lte, lt, ne, or, sql } from "drizzle-orm";
import { syncRuns, syncStreams } from "@/db/schema";
import { withSystem } from "@/lib/tenancy/data";

/** A running run whose heartbeat is older than this lost its worker: it is queued again and resumes from its checkpoint. */
export const STALE_RUN_MS = 5 * 60 * 1000;

export type DueRun = { tenantId: string; runId: string };

/**
 * One scheduler pass across tenants: each polling stream whose slot came gets a run. A stream
 * whose previous run is still going gets none; the slot is skipped, and a cancelled run row says
 * so in its log. Then the runs that need a worker (new, resumed after a 429, orphaned) are answered.
 */
export async function scheduleDueRuns(now = new Date()): Promise<DueRun[]> {
  return withSystem("sync scheduler", async (sys) => {
    const due = await sys.transaction(async (tx) => {
      const streams = await tx
        .select()
        .from(syncStreams)
        .where(
          and(
            eq(syncStreams.enabled, true),
            eq(syncStreams.updateMethod, "polling"),
            ne(syncStreams.direction, "outbound"),
            isNotNull(syncStreams.nextRunAt),
            lte(syncStreams.nextRunAt, now),
          ),
        )
        .limit(500)
        .for("update", { skipLocked: true });
      const out: DueRun[] = [];
      for (const stream of streams) {
        // The next slot after now: slots missed while nothing ran are not made up.
        const interval = stream.intervalSeconds * 1000;
        const behind = Math.max(1, Math.ceil((now.getTime() - stream.nextRunAt!.getTime() + 1) / interval));
        const next = new Date(stream.nextRunAt!.getTime() + behind * interval);
        await tx.update(syncStreams).set({ nextRunAt: next }).where(eq(syncStreams.id, stream.id));
        const type: "full" | "incremental" =
          stream.mode === "incremental" && stream.checkpoint && stream.source.incremental ? "incremental" : "full";
        const base = {
          tenantId: stream.tenantId,
          integrationId: stream.integrationId,
          streamId: stream.id,
          entityId: stream.entityId,
          sourceType: "integration" as const,
          sourceId: stream.integrationId,
          type,
          trigger: "schedule" as const,
        };
        const [run] = await tx.insert(syncRuns).values(base).onConflictDoNothing().returning({ id: syncRuns.id });
        if (run) {
          out.push({ tenantId: stream.tenantId, runId: run.id });
          continue;
        }
        await tx.insert(syncRuns).values({
          ...base,
          status: "cancelled",
          statusReason: "Skipped this slot: the previous run of the stream was still in progress.",
          completedAt: now,
          durationMs: 0,
        });
      }
      return out;
    });
    const waiting = await sys
      .select({ tenantId: syncRuns.tenantId, runId: syncRuns.id })
      .from(syncRuns)
      .where(
        or(
          and(eq(syncRuns.status, "queued"), or(sql`${syncRuns.rateLimitedUntil} is null`, lte(syncRuns.rateLimitedUntil, now))),
          and(eq(syncRuns.status, "running"), lt(syncRuns.heartbeatAt, new Date(now.getTime() - STALE_RUN_MS))),
        ),
      )
      .limit(500);
    const seen = new Set(due.map((d) => d.runId));
    return [...due, ...waiting.filter((w) => !seen.has(w.runId))];
  });
}
