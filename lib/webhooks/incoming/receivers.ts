import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { receivedWebhookEvents, WEBHOOK_RECEIVER_SECRET_COLUMN, webhookReceiverRejections, webhookReceivers } from "@/db/schema";
import { emitEvent, recordAudit } from "@/lib/audit";
import { contextFor, decryptSecret, encryptSecret } from "@/lib/crypto";
import { notFound } from "@/lib/errors";
import { loadOwnedIntegration } from "@/lib/integrations/view";
import { cursorShapes, decodeCursor, encodeCursor } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { createReceiverSchema, listReceivedEventsSchema, type CreateReceiverInput } from "../schema";
import { REJECTION_TEXT, verifyIncoming, type RejectionReason } from "./verify";

type ReceiverRow = typeof webhookReceivers.$inferSelect;

export const MAX_INCOMING_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLIC_ID = /^rcv_[A-Za-z0-9_-]{32}$/;

/** 24 random bytes: the URL is the first thing standing between the internet and the verifier. */
function newPublicId(): string {
  return `rcv_${randomBytes(24).toString("base64url")}`;
}

export function receiverPath(publicId: string): string {
  return `/api/hooks/${publicId}`;
}

function receiverView(row: ReceiverRow, origin: string) {
  return {
    id: row.id,
    integration_id: row.integrationId,
    url: `${origin}${receiverPath(row.publicId)}`,
    scheme: row.scheme,
    header: row.header,
    encoding: row.encoding,
    secret_hint: row.secretHint,
    created_at: row.createdAt.toISOString(),
  };
}
export type ReceiverView = ReturnType<typeof receiverView>;

function hintOf(secret: string): string {
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : "••••";
}

export async function createReceiver(ctx: TenantContext, integrationId: string, raw: CreateReceiverInput, origin: string) {
  requireRole(ctx, "admin");
  const input = createReceiverSchema.parse(raw);
  return db().transaction(async (tx) => {
    const integration = await loadOwnedIntegration(tx, ctx, integrationId);
    const ref = { id: randomUUID(), tenantId: ctx.tenant.id };
    const [row] = await tx
      .insert(webhookReceivers)
      .values({
        ...ref,
        integrationId: integration.id,
        publicId: newPublicId(),
        scheme: input.scheme,
        secret: encryptSecret(input.secret, contextFor(WEBHOOK_RECEIVER_SECRET_COLUMN, ref)),
        secretHint: hintOf(input.secret),
        header: input.scheme === "hmac_sha256" ? input.header! : null,
        encoding: input.encoding,
      })
      .returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "webhook_receiver.created",
        target: { type: "webhook_receiver", id: row!.id },
        details: { integration_id: integration.id, scheme: input.scheme },
      },
      tx,
    );
    return receiverView(row!, origin);
  });
}

async function loadOwnedReceiver(ctx: TenantContext, id: string): Promise<ReceiverRow> {
  if (!UUID.test(id)) throw notFound("Receiver");
  const [row] = await db()
    .select()
    .from(webhookReceivers)
    .where(and(eq(webhookReceivers.id, id), eq(webhookReceivers.tenantId, ctx.tenant.id)));
  if (!row) throw notFound("Receiver");
  return row;
}

/** A new URL for the receiver; the old one answers 404 from now on. */
export async function rotateReceiverUrl(ctx: TenantContext, id: string, origin: string) {
  requireRole(ctx, "admin");
  const row = await loadOwnedReceiver(ctx, id);
  return db().transaction(async (tx) => {
    const [updated] = await tx.update(webhookReceivers).set({ publicId: newPublicId() }).where(eq(webhookReceivers.id, row.id)).returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "webhook_receiver.url_rotated",
        target: { type: "webhook_receiver", id: row.id },
      },
      tx,
    );
    return receiverView(updated!, origin);
  });
}

export async function deleteReceiver(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  const row = await loadOwnedReceiver(ctx, id);
  await db().transaction(async (tx) => {
    await tx.delete(webhookReceivers).where(eq(webhookReceivers.id, row.id));
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "webhook_receiver.deleted", target: { type: "webhook_receiver", id: row.id } },
      tx,
    );
  });
}

/** The integration's receivers with their rejection counts by reason. */
export async function listReceivers(ctx: TenantContext, integrationId: string, origin: string) {
  requireRole(ctx, "viewer");
  const integration = await loadOwnedIntegration(db(), ctx, integrationId);
  const rows = await db()
    .select()
    .from(webhookReceivers)
    .where(eq(webhookReceivers.integrationId, integration.id))
    .orderBy(webhookReceivers.createdAt);
  const rejections = rows.length
    ? await db()
        .select()
        .from(webhookReceiverRejections)
        .where(sql`${webhookReceiverRejections.receiverId} in ${rows.map((r) => r.id)}`)
    : [];
  return rows.map((row) => ({
    ...receiverView(row, origin),
    rejections: rejections
      .filter((r) => r.receiverId === row.id)
      .map((r) => ({
        reason: r.reason,
        label: REJECTION_TEXT[r.reason as RejectionReason] ?? r.reason,
        count: r.count,
        last_detail: r.lastDetail,
        last_at: r.lastAt.toISOString(),
      })),
  }));
}

export async function listReceivedEvents(ctx: TenantContext, integrationId: string, raw: Record<string, unknown> = {}) {
  requireRole(ctx, "viewer");
  const input = listReceivedEventsSchema.parse(raw);
  const integration = await loadOwnedIntegration(db(), ctx, integrationId);
  const filters = [eq(receivedWebhookEvents.integrationId, integration.id)];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, cursorShapes.instantThenId);
    filters.push(
      or(
        lt(receivedWebhookEvents.receivedAt, new Date(at)),
        and(eq(receivedWebhookEvents.receivedAt, new Date(at)), lt(receivedWebhookEvents.id, id)),
      )!,
    );
  }
  const rows = await db()
    .select()
    .from(receivedWebhookEvents)
    .where(and(...filters))
    .orderBy(desc(receivedWebhookEvents.receivedAt), desc(receivedWebhookEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      receiver_id: r.receiverId,
      provider_event_id: r.providerEventId,
      event_type: r.eventType,
      verified: r.verified,
      received_at: r.receivedAt.toISOString(),
      payload: r.body,
    })),
    next_cursor: rows.length > input.limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
  };
}

export type ReceiveResult = { status: 200 | 401 | 404 | 413; body: Record<string, unknown> };

async function countRejection(receiverId: string, reason: RejectionReason, detail: string, now: Date) {
  await db()
    .insert(webhookReceiverRejections)
    .values({ receiverId, reason, count: 1, lastDetail: detail, lastAt: now })
    .onConflictDoUpdate({
      target: [webhookReceiverRejections.receiverId, webhookReceiverRejections.reason],
      set: { count: sql`${webhookReceiverRejections.count} + 1`, lastDetail: detail, lastAt: now },
    });
}

/**
 * Handles one request to a receiver URL. Verified events are stored once, keyed on the
 * provider's event id, and handed on through the outbox in the same transaction.
 */
export async function receiveWebhook(publicId: string, headers: Headers, body: string, now = new Date()): Promise<ReceiveResult> {
  if (!PUBLIC_ID.test(publicId)) return { status: 404, body: { error: "unknown receiver" } };
  const [receiver] = await db().select().from(webhookReceivers).where(eq(webhookReceivers.publicId, publicId));
  if (!receiver) return { status: 404, body: { error: "unknown receiver" } };
  if (Buffer.byteLength(body, "utf8") > MAX_INCOMING_BYTES) return { status: 413, body: { error: "body larger than 1 MB" } };

  const secret = decryptSecret(receiver.secret, contextFor(WEBHOOK_RECEIVER_SECRET_COLUMN, receiver));
  const verdict = verifyIncoming(
    { scheme: receiver.scheme, secret, header: receiver.header, encoding: receiver.encoding },
    headers,
    body,
    now,
  );
  if (!verdict.ok) {
    await countRejection(receiver.id, verdict.reason, verdict.detail, now);
    return { status: 401, body: { error: verdict.reason } };
  }
  return db().transaction(async (tx) => {
    const [stored] = await tx
      .insert(receivedWebhookEvents)
      .values({
        tenantId: receiver.tenantId,
        integrationId: receiver.integrationId,
        receiverId: receiver.id,
        providerEventId: verdict.eventId,
        eventType: verdict.eventType,
        verified: true,
        body,
        receivedAt: now,
      })
      .onConflictDoNothing({ target: [receivedWebhookEvents.receiverId, receivedWebhookEvents.providerEventId] })
      .returning({ id: receivedWebhookEvents.id });
    // A duplicate answers 2xx: the provider's retry means our first answer was lost, and a non-2xx would make it retry forever.
    if (!stored) return { status: 200, body: { received: true, duplicate: true } } as const;
    await emitEvent(
      receiver.tenantId,
      "integration.webhook_received",
      { integration_id: receiver.integrationId, event_id: stored.id, event_type: verdict.eventType },
      tx,
    );
    return { status: 200, body: { received: true, duplicate: false } } as const;
  });
}
