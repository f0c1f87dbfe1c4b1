import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { alertIncidents, healthChecks, integrations, providerIncidents } from "@/db/schema";
import { getProvider } from "@/lib/providers";
import { isUuid } from "@/lib/tenancy/data";
import { classify, failureClassOf, type HealthFacts, type Signal } from "./classify";
import { TenantAlerting, type Message } from "./queue";

export type RoutedEvent = { id: string | null; tenantId: string; type: string; payload: Record<string, unknown>; createdAt: Date };

/** Same-provider integrations failing on the provider's side in this many tenants at once make a provider incident. */
export const PROVIDER_OUTAGE_MIN_TENANTS = 2;
/** Failures older than this are not "at the same time". */
const OUTAGE_WINDOW_MS = 15 * 60 * 1000;

const providerName = (key: string) => getProvider(key)?.name ?? key;

/** Integrations of `provider`, in any tenant, failing now with a timeout, a 5xx or a network error. */
async function providerFailures(tx: Db, provider: string, now: Date) {
  const since = new Date(now.getTime() - OUTAGE_WINDOW_MS).toISOString();
  const result = await tx.execute(sql`
    select i.id, i.tenant_id, i.name, h.status from integrations i
    join integration_health h on h.integration_id = i.id
    join lateral (
      select c.outcome, c.status_code from health_checks c where c.integration_id = i.id order by c.checked_at desc limit 1
    ) c on true
    where i.provider = ${provider} and h.status in ('DOWN', 'DEGRADED') and h.last_error_at > ${since}::timestamptz
      and c.outcome <> 'success' and (c.outcome = 'timeout' or c.status_code is null or c.status_code >= 500)`);
  return rowsOf<{ id: string; tenant_id: string; name: string; status: string }>(result);
}

/**
 * Routes a dispatch batch's new outbox events to the tenants' channels, inside the batch's
 * transaction: an event is routed exactly when it becomes a webhook message, so never twice.
 */
export async function routeAlerts(tx: Db, events: RoutedEvent[], now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const alerting = new TenantAlerting(tx);
  await alerting.load([...new Set(events.map((e) => e.tenantId))]);
  let queued = 0;
  const pending = [...events];
  while (pending.length > 0) {
    const event = pending.shift()!;
    const facts = event.type === "integration.health.changed" ? await healthFacts(tx, event, now, pending) : undefined;
    queued += await apply(tx, alerting, event, classify(event, facts), now);
  }
  return queued;
}

/**
 * The last check's failure class, and whether the provider looks down for everyone. Detecting an
 * outage opens the provider incident and queues an update for the other tenants' incidents it
 * explains; a recovery that leaves too few failing closes it.
 */
async function healthFacts(tx: Db, event: RoutedEvent, now: Date, pending: RoutedEvent[]): Promise<HealthFacts | undefined> {
  const integrationId = String(event.payload.id ?? "");
  if (!isUuid(integrationId)) return undefined;
  const [integration] = await tx.select({ provider: integrations.provider }).from(integrations).where(eq(integrations.id, integrationId));
  if (!integration) return undefined;
  const [check] = await tx
    .select({ outcome: healthChecks.outcome, statusCode: healthChecks.statusCode })
    .from(healthChecks)
    .where(eq(healthChecks.integrationId, integrationId))
    .orderBy(desc(healthChecks.checkedAt))
    .limit(1);
  const failure = failureClassOf(check ?? null);
  const provider = getProvider(integration.provider);
  const to = String(event.payload.to ?? "");
  const detects = provider !== null && provider.category !== "custom";
  if (!detects) return { failure, statusCode: check?.statusCode ?? null, providerDown: null };

  const failing = await providerFailures(tx, integration.provider, now);
  const tenants = new Set(failing.map((f) => f.tenant_id)).size;
  const [open] = await tx
    .select()
    .from(providerIncidents)
    .where(and(eq(providerIncidents.provider, integration.provider), eq(providerIncidents.state, "open")));
  if (tenants >= PROVIDER_OUTAGE_MIN_TENANTS) {
    if (open) {
      await tx.update(providerIncidents).set({ lastSeenAt: now }).where(eq(providerIncidents.id, open.id));
    } else {
      await tx
        .insert(providerIncidents)
        .values({
          provider: integration.provider,
          reason: `${failing.length} integrations in ${tenants} workspaces failing with timeouts or server errors`,
          openedAt: now,
          lastSeenAt: now,
        })
        .onConflictDoNothing();
      // The integrations already failing were alerted as their own trouble: tell them it is the provider's.
      for (const other of failing) {
        if (other.id === integrationId) continue;
        pending.push({
          id: null,
          tenantId: other.tenant_id,
          type: "integration.health.changed",
          payload: { id: other.id, name: other.name, from: other.status, to: other.status, reason: "the provider looks down" },
          createdAt: now,
        });
      }
    }
  } else if (open && (to === "HEALTHY" || to === "UNKNOWN")) {
    await tx.update(providerIncidents).set({ state: "resolved", resolvedAt: now }).where(eq(providerIncidents.id, open.id));
  }
  const down = tenants >= PROVIDER_OUTAGE_MIN_TENANTS && failure === "provider";
  return { failure, statusCode: check?.statusCode ?? null, providerDown: down ? providerName(integration.provider) : null };
}

async function apply(tx: Db, alerting: TenantAlerting, event: RoutedEvent, signal: Signal, now: Date): Promise<number> {
  if (signal.kind === "none") return 0;
  const eventId = event.id;
  if (signal.kind === "notice") {
    const message: Message = { kind: "notice", subject: signal.title, body: signal.summary, link: signal.target?.link ?? null, eventId };
    return alerting.queue(event.tenantId, signal.rule, message, now);
  }
  const [open] = await tx
    .select()
    .from(alertIncidents)
    .where(and(eq(alertIncidents.tenantId, event.tenantId), eq(alertIncidents.cause, signal.cause), eq(alertIncidents.state, "open")))
    .for("update");
  if (signal.kind === "resolve") {
    if (!open) return 0;
    await tx.update(alertIncidents).set({ state: "resolved", resolvedAt: now, lastEventAt: now }).where(eq(alertIncidents.id, open.id));
    const message: Message = {
      kind: "resolved",
      subject: `Resolved: ${signal.title}`,
      body: signal.summary,
      link: open.link,
      incidentId: open.id,
      eventId,
    };
    return alerting.queue(event.tenantId, open.rule, message, now);
  }
  const providerIncidentId = signal.phase === "provider" ? await openProviderIncidentId(tx, event) : null;
  if (!open) {
    if (signal.opens === false) return 0;
    const [made] = await tx
      .insert(alertIncidents)
      .values({
        tenantId: event.tenantId,
        cause: signal.cause,
        title: signal.title,
        summary: signal.summary,
        phase: signal.phase,
        rule: signal.rule,
        link: signal.target?.link ?? null,
        targetType: signal.target?.type ?? null,
        targetId: signal.target?.id ?? null,
        providerIncidentId,
        openedAt: now,
        lastEventAt: now,
        lastNotifiedAt: now,
      })
      .returning();
    const message: Message = {
      kind: "opened",
      subject: signal.title,
      body: signal.summary,
      link: made!.link,
      incidentId: made!.id,
      eventId,
    };
    return alerting.queue(event.tenantId, signal.rule, message, now);
  }
  // The same trouble again is counted on the incident, not sent again.
  if (open.phase === signal.phase) {
    await tx
      .update(alertIncidents)
      .set({ eventCount: sql`${alertIncidents.eventCount} + 1`, lastEventAt: now })
      .where(eq(alertIncidents.id, open.id));
    return 0;
  }
  await tx
    .update(alertIncidents)
    .set({
      phase: signal.phase,
      title: signal.title,
      summary: signal.summary,
      eventCount: sql`${alertIncidents.eventCount} + 1`,
      lastEventAt: now,
      lastNotifiedAt: now,
      providerIncidentId,
    })
    .where(eq(alertIncidents.id, open.id));
  const message: Message = {
    kind: "updated",
    subject: `Update: ${signal.title}`,
    body: signal.summary,
    link: open.link,
    incidentId: open.id,
    eventId,
  };
  return alerting.queue(event.tenantId, signal.rule, message, now);
}

async function openProviderIncidentId(tx: Db, event: RoutedEvent): Promise<string | null> {
  if (!isUuid(String(event.payload.id ?? ""))) return null;
  const [row] = await tx
    .select({ id: providerIncidents.id })
    .from(providerIncidents)
    .innerJoin(integrations, eq(integrations.provider, providerIncidents.provider))
    .where(and(eq(integrations.id, String(event.payload.id ?? "")), eq(providerIncidents.state, "open")));
  return row?.id ?? null;
}
