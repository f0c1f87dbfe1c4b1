import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { alertChannels, alertIncidents, alertNotifications, alertSettings } from "@/db/schema";
import { withSystem } from "@/lib/tenancy/data";
import { isQuiet } from "./quiet-hours";
import { DEFAULT_SETTINGS, queueTo, TenantAlerting } from "./queue";

const BATCH = 200;
const DIGEST_LINES = 50;

/** Incidents still open a repeat interval after they were last announced are announced again. */
async function remind(now: Date): Promise<number> {
  return db().transaction(async (tx) => {
    const due = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select i.id from alert_incidents i left join alert_settings s on s.tenant_id = i.tenant_id
        where i.state = 'open' and coalesce(s.repeat_interval_minutes, ${DEFAULT_SETTINGS.repeatIntervalMinutes}) > 0
          and i.last_notified_at <= ${now.toISOString()}::timestamptz
            - make_interval(mins => coalesce(s.repeat_interval_minutes, ${DEFAULT_SETTINGS.repeatIntervalMinutes}))
        order by i.last_notified_at limit ${BATCH} for update of i skip locked`),
    ).map((r) => r.id);
    if (due.length === 0) return 0;
    const incidents = await tx.select().from(alertIncidents).where(inArray(alertIncidents.id, due));
    const alerting = new TenantAlerting(tx);
    await alerting.load([...new Set(incidents.map((i) => i.tenantId))]);
    for (const incident of incidents) {
      await alerting.queue(
        incident.tenantId,
        incident.rule,
        {
          kind: "reminder",
          subject: `Still open: ${incident.title}`,
          body: `${incident.summary} (open since ${incident.openedAt.toISOString()}, ${incident.eventCount} event${incident.eventCount === 1 ? "" : "s"})`,
          link: incident.link,
          incidentId: incident.id,
        },
        now,
      );
    }
    await tx.update(alertIncidents).set({ lastNotifiedAt: now }).where(inArray(alertIncidents.id, due));
    return incidents.length;
  });
}

/**
 * Notifications held during a tenant's quiet hours become one digest per channel once the quiet
 * hours are over: one message saying what happened, instead of a burst at the end of the night.
 */
async function digest(now: Date): Promise<number> {
  return db().transaction(async (tx) => {
    const held = await tx
      .select()
      .from(alertNotifications)
      .where(eq(alertNotifications.status, "held"))
      .orderBy(asc(alertNotifications.createdAt))
      .limit(BATCH * 5)
      .for("update", { skipLocked: true });
    if (held.length === 0) return 0;
    const tenantIds = [...new Set(held.map((n) => n.tenantId))];
    const settings = await tx.select().from(alertSettings).where(inArray(alertSettings.tenantId, tenantIds));
    const awake = new Set(
      tenantIds.filter((tenantId) => {
        const s = settings.find((row) => row.tenantId === tenantId) ?? DEFAULT_SETTINGS;
        return !isQuiet({ start: s.quietHoursStart, end: s.quietHoursEnd, timezone: s.timezone }, now);
      }),
    );
    const byChannel = new Map<string, typeof held>();
    for (const n of held) if (awake.has(n.tenantId)) byChannel.set(n.channelId, [...(byChannel.get(n.channelId) ?? []), n]);
    if (byChannel.size === 0) return 0;
    const channels = await tx
      .select()
      .from(alertChannels)
      .where(inArray(alertChannels.id, [...byChannel.keys()]));
    for (const channel of channels) {
      const items = byChannel.get(channel.id)!;
      const lines = items.slice(0, DIGEST_LINES).map((n) => `• ${n.createdAt.toISOString().slice(11, 16)} UTC ${n.subject}`);
      if (items.length > DIGEST_LINES) lines.push(`… and ${items.length - DIGEST_LINES} more`);
      await queueTo(
        tx,
        channel.tenantId,
        [channel],
        {
          kind: "digest",
          subject: `${items.length} alert${items.length === 1 ? "" : "s"} during quiet hours`,
          body: `While quiet hours were on:\n${lines.join("\n")}`,
          link: null,
        },
        now,
        false,
      );
    }
    const ids = [...byChannel.values()].flat().map((n) => n.id);
    await tx
      .update(alertNotifications)
      .set({ status: "digested" })
      .where(and(inArray(alertNotifications.id, ids), eq(alertNotifications.status, "held")));
    return ids.length;
  });
}

/** Reminders for incidents that last, and digests after quiet hours. */
export async function runAlertSchedule(now = new Date()): Promise<{ reminders: number; digested: number }> {
  return withSystem("alert schedule", async () => ({ reminders: await remind(now), digested: await digest(now) }));
}
