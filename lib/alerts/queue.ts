import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertChannels, alertNotifications, alertSettings, type NotificationKind } from "@/db/schema";
import { isQuiet } from "./quiet-hours";
import { DEFAULT_ALERT_EVENTS } from "./schema";

type ChannelRow = typeof alertChannels.$inferSelect;
type SettingsRow = typeof alertSettings.$inferSelect;

export type Message = {
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string | null;
  incidentId?: string | null;
  eventId?: string | null;
};

export type AlertSettingsValues = {
  auditRetentionDays: number;
  repeatIntervalMinutes: number;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  timezone: string;
};
export const DEFAULT_SETTINGS: AlertSettingsValues = {
  auditRetentionDays: 365,
  repeatIntervalMinutes: 240,
  quietHoursStart: null,
  quietHoursEnd: null,
  timezone: "UTC",
};

/** The tenant's in-app channel, made on first need: every tenant has an inbox. */
export async function ensureInAppChannel(tx: Db, tenantId: string): Promise<ChannelRow> {
  const [made] = await tx
    .insert(alertChannels)
    // Dated with the tenant, so it is always the first channel in the list.
    .values({
      tenantId,
      kind: "in_app",
      name: "In-app",
      events: DEFAULT_ALERT_EVENTS,
      createdAt: sql`(select created_at from tenants where id = ${tenantId})`,
    })
    .onConflictDoNothing()
    .returning();
  if (made) return made;
  const [found] = await tx
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.tenantId, tenantId), eq(alertChannels.kind, "in_app")));
  return found!;
}

/** Channels and settings of a batch's tenants, read once per batch. */
export class TenantAlerting {
  private channels = new Map<string, ChannelRow[]>();
  private settings = new Map<string, SettingsRow | undefined>();

  constructor(private readonly tx: Db) {}

  async load(tenantIds: string[]) {
    const missing = tenantIds.filter((t) => !this.channels.has(t));
    if (missing.length === 0) return;
    const rows = await this.tx.select().from(alertChannels).where(inArray(alertChannels.tenantId, missing));
    const settings = await this.tx.select().from(alertSettings).where(inArray(alertSettings.tenantId, missing));
    for (const tenantId of missing) {
      this.channels.set(
        tenantId,
        rows.filter((r) => r.tenantId === tenantId),
      );
      this.settings.set(
        tenantId,
        settings.find((s) => s.tenantId === tenantId),
      );
    }
  }

  settingsOf(tenantId: string) {
    return this.settings.get(tenantId) ?? DEFAULT_SETTINGS;
  }

  private async channelsOf(tenantId: string): Promise<ChannelRow[]> {
    await this.load([tenantId]);
    let list = this.channels.get(tenantId)!;
    if (!list.some((c) => c.kind === "in_app")) {
      list = [...list, await ensureInAppChannel(this.tx, tenantId)];
      this.channels.set(tenantId, list);
    }
    return list;
  }

  /**
   * Queues one message to every enabled channel whose rules include `rule`. In-app messages are
   * delivered by being written; the others wait for the delivery pump, or are held for the
   * digest during the tenant's quiet hours.
   */
  async queue(tenantId: string, rule: string, message: Message, now: Date): Promise<number> {
    const channels = (await this.channelsOf(tenantId)).filter((c) => c.enabled && c.events.includes(rule));
    if (channels.length === 0) return 0;
    const s = this.settingsOf(tenantId);
    const quiet = isQuiet({ start: s.quietHoursStart, end: s.quietHoursEnd, timezone: s.timezone }, now);
    await queueTo(this.tx, tenantId, channels, message, now, quiet);
    return channels.length;
  }
}

/** Writes the message for each channel; answers the notification ids, in channel order. */
export async function queueTo(
  tx: Db,
  tenantId: string,
  channels: ChannelRow[],
  message: Message,
  now: Date,
  quiet: boolean,
): Promise<string[]> {
  const rows = await tx
    .insert(alertNotifications)
    .values(
      channels.map((c) => ({
        tenantId,
        channelId: c.id,
        incidentId: message.incidentId ?? null,
        eventId: message.eventId ?? null,
        kind: message.kind,
        subject: message.subject,
        body: message.body,
        link: message.link,
        createdAt: now,
        ...(c.kind === "in_app"
          ? { status: "sent" as const, sentAt: now }
          : quiet
            ? { status: "held" as const }
            : { status: "pending" as const, nextAttemptAt: now }),
      })),
    )
    .returning({ id: alertNotifications.id });
  return rows.map((r) => r.id);
}
