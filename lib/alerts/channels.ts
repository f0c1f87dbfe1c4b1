import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ALERT_CHANNEL_SLACK_URL_COLUMN, alertChannels, webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { contextFor, encryptSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { invalid, notFound } from "@/lib/errors";
import { checkAddress, resolveHost } from "@/lib/http/address-guard";
import { networkPolicy } from "@/lib/http/client";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, withTenant } from "@/lib/tenancy/data";
import { deliverNow } from "./deliver";
import { ensureInAppChannel, queueTo } from "./queue";
import { createChannelSchema, listChannelsSchema, patchChannelSchema, type ListChannelsInput } from "./schema";
import { EMAIL_NOT_CONFIGURED } from "./mail";

type ChannelRow = typeof alertChannels.$inferSelect;

export function channelView(row: ChannelRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    events: row.events,
    enabled: row.enabled,
    email_to: row.kind === "email" ? row.emailTo : null,
    // The Slack URL is the credential: write-only, shown as its last characters.
    has_slack_url: row.slackUrl !== null,
    slack_url_hint: row.slackHint,
    endpoint_id: row.endpointId,
    failing: row.failingSince !== null,
    failing_since: row.failingSince?.toISOString() ?? null,
    last_error: row.lastError,
    last_delivered_at: row.lastDeliveredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type ChannelView = ReturnType<typeof channelView>;

/** Whether Patchbay can send email at all (the SMTP settings group is set). */
export function emailConfigured(): boolean {
  return env().smtp !== null;
}

const slackHint = (url: string) => `••••${url.slice(-4)}`;

async function refuseBlockedUrl(url: string): Promise<void> {
  const { hostname } = new URL(url);
  const addresses = await resolveHost(hostname).catch(() => []);
  const policy = networkPolicy();
  if (addresses.some((a) => !checkAddress(a.address, policy).allowed)) {
    throw invalid("Check the highlighted fields.", {
      slack_url: `${hostname} resolves to a private, loopback or metadata address, which Patchbay does not call.`,
    });
  }
}

async function refuseForeignEndpoint(tx: Db, ctx: TenantContext, endpointId: string) {
  const [found] = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.tenantId, ctx.tenant.id)));
  if (!found) throw invalid("Check the highlighted fields.", { endpoint_id: "Choose one of this workspace's webhook endpoints." });
}

async function loadChannel(tx: Db, ctx: TenantContext, id: string): Promise<ChannelRow> {
  if (!isUuid(id)) throw notFound("Channel");
  const [row] = await tx
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.id, id), eq(alertChannels.tenantId, ctx.tenant.id)))
    .for("update");
  if (!row) throw notFound("Channel");
  return row;
}

function audit(ctx: TenantContext, tx: Db, action: string, row: ChannelRow, details: Record<string, unknown> = {}) {
  return recordAudit(
    {
      tenantId: ctx.tenant.id,
      actor: ctx.actor,
      action: `alert_channel.${action}`,
      target: { type: "alert_channel", id: row.id },
      details: { kind: row.kind, name: row.name, ...details },
    },
    tx,
  );
}

const CREATED_KEY = instantKey(alertChannels.createdAt);

/** The tenant's channels, the in-app one first (it exists for every tenant), then oldest first. */
export async function listChannels(ctx: TenantContext, raw: ListChannelsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listChannelsSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    await ensureInAppChannel(tx, ctx.tenant.id);
    const rows = await tx
      .select({ row: alertChannels, sortKey: CREATED_KEY })
      .from(alertChannels)
      .where(
        and(
          eq(alertChannels.tenantId, ctx.tenant.id),
          input.cursor
            ? afterCursor(input.cursor, cursorShapes.instantThenId, [alertChannels.createdAt, alertChannels.id], false)
            : undefined,
        ),
      )
      .orderBy(asc(alertChannels.createdAt), asc(alertChannels.id))
      .limit(input.limit + 1);
    const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
    return { data: page.map((r) => channelView(r.row)), next_cursor };
  });
}

export async function getChannel(ctx: TenantContext, id: string) {
  requireRole(ctx, "viewer");
  return withTenant(ctx, async (tx) => channelView(await loadChannel(tx, ctx, id)));
}

export async function createChannel(ctx: TenantContext, raw: unknown) {
  requireRole(ctx, "admin");
  const input = createChannelSchema.parse(raw);
  if (input.kind === "email" && !emailConfigured()) throw invalid(EMAIL_NOT_CONFIGURED, { kind: EMAIL_NOT_CONFIGURED });
  if (input.kind === "slack") await refuseBlockedUrl(input.slack_url);
  const ref = { id: randomUUID(), tenantId: ctx.tenant.id };
  return withTenant(ctx, async (tx) => {
    if (input.kind === "webhook") await refuseForeignEndpoint(tx, ctx, input.endpoint_id);
    const [row] = await tx
      .insert(alertChannels)
      .values({
        ...ref,
        kind: input.kind,
        name: input.name,
        events: input.events,
        enabled: input.enabled,
        emailTo: input.kind === "email" ? input.email_to : [],
        ...(input.kind === "slack"
          ? {
              slackUrl: encryptSecret(input.slack_url, contextFor(ALERT_CHANNEL_SLACK_URL_COLUMN, ref)),
              slackHint: slackHint(input.slack_url),
            }
          : {}),
        endpointId: input.kind === "webhook" ? input.endpoint_id : null,
      })
      .returning();
    await audit(ctx, tx, "created", row!, { events: input.events });
    return channelView(row!);
  });
}

export async function updateChannel(ctx: TenantContext, id: string, raw: unknown) {
  requireRole(ctx, "admin");
  const input = patchChannelSchema.parse(raw);
  if (input.slack_url !== undefined) await refuseBlockedUrl(input.slack_url);
  return withTenant(ctx, async (tx) => {
    const row = await loadChannel(tx, ctx, id);
    const wrongKind = (field: string, kind: string) =>
      invalid("Check the highlighted fields.", { [field]: `Only a ${kind} channel has this.` });
    if (input.email_to !== undefined && row.kind !== "email") throw wrongKind("email_to", "email");
    if (input.slack_url !== undefined && row.kind !== "slack") throw wrongKind("slack_url", "Slack");
    if (input.endpoint_id !== undefined && row.kind !== "webhook") throw wrongKind("endpoint_id", "webhook");
    if (input.endpoint_id !== undefined) await refuseForeignEndpoint(tx, ctx, input.endpoint_id);
    const changes: Partial<typeof alertChannels.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.events !== undefined) changes.events = input.events;
    if (input.enabled !== undefined) changes.enabled = input.enabled;
    if (input.email_to !== undefined) changes.emailTo = input.email_to;
    if (input.endpoint_id !== undefined) changes.endpointId = input.endpoint_id;
    if (input.slack_url !== undefined) {
      changes.slackUrl = encryptSecret(input.slack_url, contextFor(ALERT_CHANNEL_SLACK_URL_COLUMN, row));
      changes.slackHint = slackHint(input.slack_url);
    }
    if (Object.keys(changes).length === 0) return channelView(row);
    const [updated] = await tx.update(alertChannels).set(changes).where(eq(alertChannels.id, row.id)).returning();
    await audit(ctx, tx, "updated", updated!, { changed: Object.keys(input) });
    return channelView(updated!);
  });
}

export async function deleteChannel(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  await withTenant(ctx, async (tx) => {
    const row = await loadChannel(tx, ctx, id);
    if (row.kind === "in_app") throw invalid("The in-app channel cannot be deleted; turn it off or change its rules instead.");
    await tx.delete(alertChannels).where(eq(alertChannels.id, row.id));
    await audit(ctx, tx, "deleted", row);
  });
}

/** Sends a test message through the channel now, quiet hours or not, and answers what happened. */
export async function testChannel(ctx: TenantContext, id: string) {
  requireRole(ctx, "admin");
  const now = new Date();
  const notificationId = await withTenant(ctx, async (tx) => {
    const row = await loadChannel(tx, ctx, id);
    const [made] = await queueTo(
      tx,
      ctx.tenant.id,
      [row],
      {
        kind: "test",
        subject: "Test notification",
        body: `A test from Patchbay for the channel “${row.name}”. If you read this, it works.`,
        link: null,
      },
      now,
      false,
    );
    await audit(ctx, tx, "tested", row);
    return made!;
  });
  const outcome = (await deliverNow([notificationId], now)).get(notificationId);
  return { success: outcome?.ok ?? true, error: outcome?.error ?? null };
}
