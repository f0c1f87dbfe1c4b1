import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import {
  auditEvents,
  healthChecks,
  healthRollupsHourly,
  healthTransitions,
  integrationHealth,
  integrations,
  outboxEvents,
} from "@/db/schema";
import { redact } from "@/lib/audit";
import { NOT_MONITORED, type CheckResult } from "./check";
import { addSample, emptyBuckets } from "./histogram";
import { nextHealth, type HealthMemory, type Transition } from "./transitions";

const HOUR_MS = 3_600_000;
export const HEALTH_ACTOR = { type: "system" as const, label: "Patchbay health check" };

type StateRow = typeof integrationHealth.$inferSelect;

export type RecordedCheck = CheckResult & { transition: Transition | null };

type Rollup = {
  integrationId: string;
  tenantId: string;
  hour: Date;
  checks: number;
  failures: number;
  latencyCount: number;
  latencySumMs: number;
  latencyMaxMs: number;
  latencyBuckets: number[];
};

function rollupsOf(results: CheckResult[]): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const r of results) {
    const hour = new Date(Math.floor(r.checkedAt.getTime() / HOUR_MS) * HOUR_MS);
    const key = `${r.integrationId}|${hour.getTime()}`;
    let rollup = byKey.get(key);
    if (!rollup) {
      rollup = {
        integrationId: r.integrationId,
        tenantId: r.tenantId,
        hour,
        checks: 0,
        failures: 0,
        latencyCount: 0,
        latencySumMs: 0,
        latencyMaxMs: 0,
        latencyBuckets: emptyBuckets(),
      };
      byKey.set(key, rollup);
    }
    rollup.checks += 1;
    if (r.outcome !== "success") rollup.failures += 1;
    // Only a real answer has a latency worth charting; a timeout's duration is the timeout setting.
    if (r.statusCode !== null && r.responseTimeMs !== null) {
      rollup.latencyCount += 1;
      rollup.latencySumMs += r.responseTimeMs;
      rollup.latencyMaxMs = Math.max(rollup.latencyMaxMs, r.responseTimeMs);
      addSample(rollup.latencyBuckets, r.responseTimeMs);
    }
  }
  return [...byKey.values()];
}

async function writeRollups(tx: Db, rollups: Rollup[]) {
  if (rollups.length === 0) return;
  const t = healthRollupsHourly;
  await tx
    .insert(t)
    .values(rollups)
    .onConflictDoUpdate({
      target: [t.integrationId, t.hour],
      set: {
        checks: sql`${t.checks} + excluded.checks`,
        failures: sql`${t.failures} + excluded.failures`,
        latencyCount: sql`${t.latencyCount} + excluded.latency_count`,
        latencySumMs: sql`${t.latencySumMs} + excluded.latency_sum_ms`,
        latencyMaxMs: sql`greatest(${t.latencyMaxMs}, excluded.latency_max_ms)`,
        latencyBuckets: sql`array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${t.latencyBuckets}, excluded.latency_buckets) with ordinality as u(a, b, n) order by n)`,
      },
    });
}

/**
 * Status changes of a batch, each written four ways (transition row, integrations.health_status,
 * outbox event, audit event) with one statement per kind: the first round of checks after a
 * start changes every integration at once.
 */
async function writeTransitions(tx: Db, changes: { state: StateRow; transition: Transition; at: Date }[]) {
  if (changes.length === 0) return;
  const ids = [...new Set(changes.map((c) => c.state.integrationId))];
  const names = new Map(
    (await tx.select({ id: integrations.id, name: integrations.name }).from(integrations).where(inArray(integrations.id, ids))).map((r) => [
      r.id,
      r.name,
    ]),
  );
  await tx.insert(healthTransitions).values(
    changes.map(({ state, transition, at }) => ({
      tenantId: state.tenantId,
      integrationId: state.integrationId,
      fromStatus: transition.from,
      toStatus: transition.to,
      reason: transition.reason,
      createdAt: at,
    })),
  );
  const latest = new Map(changes.map((c) => [c.state.integrationId, c.transition.to]));
  await tx.execute(sql`
    update integrations i set health_status = v.status
    from jsonb_to_recordset(${JSON.stringify([...latest].map(([id, status]) => ({ id, status })))}::jsonb) as v(id uuid, status text)
    where i.id = v.id and i.id = any(${`{${[...latest.keys()].join(",")}}`}::uuid[])`);
  await tx.insert(outboxEvents).values(
    changes.map(({ state, transition, at }) => ({
      tenantId: state.tenantId,
      type: "integration.health.changed",
      payload: { id: state.integrationId, name: names.get(state.integrationId) ?? null, ...transition },
      createdAt: at,
    })),
  );
  await tx.insert(auditEvents).values(
    changes.map(({ state, transition, at }) => ({
      tenantId: state.tenantId,
      actorType: HEALTH_ACTOR.type,
      actorLabel: HEALTH_ACTOR.label,
      action: "integration.health.changed",
      targetType: "integration",
      targetId: state.integrationId,
      details: redact(transition) as Record<string, unknown>,
      createdAt: at,
    })),
  );
}

/**
 * Stores a batch of check results in one transaction: the raw rows, the hourly rollups, and
 * each integration's state machine advanced (state rows locked in id order, so concurrent
 * writers neither lose an update nor deadlock). Results for integrations deleted meanwhile
 * are dropped.
 */
export async function recordCheckResults(results: CheckResult[]): Promise<RecordedCheck[]> {
  if (results.length === 0) return [];
  return db().transaction(async (tx) => {
    const ids = [...new Set(results.map((r) => r.integrationId))].sort();
    const unscheduled = results.filter((r) => r.source !== "schedule");
    if (unscheduled.length > 0) {
      await tx
        .insert(integrationHealth)
        .values([...new Map(unscheduled.map((r) => [r.integrationId, { integrationId: r.integrationId, tenantId: r.tenantId }])).values()])
        .onConflictDoNothing();
    }
    const rows = await tx
      .select()
      .from(integrationHealth)
      .where(inArray(integrationHealth.integrationId, ids))
      .orderBy(integrationHealth.integrationId)
      .for("update");
    const states = new Map(rows.map((r) => [r.integrationId, r]));
    const kept = results.filter((r) => states.has(r.integrationId)).sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime());
    if (kept.length === 0) return [];

    const memory = new Map<string, HealthMemory>(rows.map((r) => [r.integrationId, r]));
    const touched = new Map<
      string,
      { lastCheckedAt: Date; lastOutcome: string; lastError: string | null; lastErrorAt: Date | null; statusChangedAt: Date | null }
    >();
    const changes: { state: StateRow; transition: Transition; at: Date }[] = [];
    const recorded: RecordedCheck[] = [];
    for (const result of kept) {
      const state = states.get(result.integrationId)!;
      const advanced = nextHealth(memory.get(result.integrationId)!, result, state);
      memory.set(result.integrationId, advanced.memory);
      const previous = touched.get(result.integrationId);
      touched.set(result.integrationId, {
        lastCheckedAt: result.checkedAt,
        lastOutcome: result.outcome,
        lastError: result.error ?? previous?.lastError ?? state.lastError,
        lastErrorAt: result.error ? result.checkedAt : (previous?.lastErrorAt ?? state.lastErrorAt),
        statusChangedAt: advanced.transition ? result.checkedAt : (previous?.statusChangedAt ?? state.statusChangedAt),
      });
      if (advanced.transition) changes.push({ state, transition: advanced.transition, at: result.checkedAt });
      recorded.push({ ...result, transition: advanced.transition });
    }

    await tx.insert(healthChecks).values(kept);
    const updates = [...touched.entries()].map(([id, t]) => {
      const m = memory.get(id)!;
      return {
        id,
        status: m.status,
        cf: m.consecutiveFailures,
        cs: m.consecutiveSuccesses,
        lat: m.recentLatenciesMs,
        checked_at: t.lastCheckedAt.toISOString(),
        outcome: t.lastOutcome,
        error: t.lastError,
        error_at: t.lastErrorAt?.toISOString() ?? null,
        changed_at: t.statusChangedAt?.toISOString() ?? null,
      };
    });
    await tx.execute(sql`
      update integration_health h set
        status = v.status, consecutive_failures = v.cf, consecutive_successes = v.cs, recent_latencies_ms = v.lat,
        last_checked_at = v.checked_at, last_outcome = v.outcome, last_error = v.error, last_error_at = v.error_at,
        status_changed_at = v.changed_at
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        as v(id uuid, status text, cf int, cs int, lat int[], checked_at timestamptz, outcome text, error text, error_at timestamptz, changed_at timestamptz)
      where h.integration_id = v.id and h.integration_id = any(${`{${ids.join(",")}}`}::uuid[])`);
    await writeRollups(tx, rollupsOf(kept));
    await writeTransitions(tx, changes);
    return recorded;
  });
}

/**
 * Integrations that are not monitored (no status endpoint: removed since, or judged by the
 * failing checks of older versions) go back to UNKNOWN once, with a status change saying why,
 * rather than keep a verdict no check backs any more.
 */
export async function markUnmonitored(integrationIds: string[], at = new Date()): Promise<number> {
  if (integrationIds.length === 0) return 0;
  return db().transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(integrationHealth)
      .where(and(inArray(integrationHealth.integrationId, integrationIds), ne(integrationHealth.status, "UNKNOWN")))
      .orderBy(integrationHealth.integrationId)
      .for("update");
    if (rows.length === 0) return 0;
    await tx
      .update(integrationHealth)
      .set({ status: "UNKNOWN", consecutiveFailures: 0, consecutiveSuccesses: 0, recentLatenciesMs: [], statusChangedAt: at })
      .where(
        inArray(
          integrationHealth.integrationId,
          rows.map((r) => r.integrationId),
        ),
      );
    await writeTransitions(
      tx,
      rows.map((state) => ({ state, transition: { from: state.status, to: "UNKNOWN" as const, reason: NOT_MONITORED }, at })),
    );
    return rows.length;
  });
}

/** One check recorded at once (Check now, test connection), with the status it led to. */
export async function recordHealthCheck(result: CheckResult): Promise<RecordedCheck | null> {
  const [recorded] = await recordCheckResults([result]);
  return recorded ?? null;
}

export async function healthStateOf(integrationId: string, tenantId: string) {
  const [row] = await db()
    .select()
    .from(integrationHealth)
    .where(and(eq(integrationHealth.integrationId, integrationId), eq(integrationHealth.tenantId, tenantId)));
  return row ?? null;
}
