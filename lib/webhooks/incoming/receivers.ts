import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  integrations,
  receivedWebhookEvents,
  WEBHOOK_RECEIVER_SECRET_COLUMN,
  webhookReceiverRejections,
  webhookReceivers,
} from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { contextFor, decryptSecret, encryptSecret } from "@/lib/crypto";
import { toStorableText } from "@/lib/api/storable-text";
import type { ErrorCode } from "@/lib/errors";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { logError } from "@/lib/log";
import { cursorShapes } from "@/lib/pagination";
import { applyConnectorWebhook } from "@/lib/sync/connector-streams";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { createReceiverSchema, listReceivedEventsSchema, type ListReceivedEventsInput } from "../schema";
import { writeEvents } from "../write-events";
import { REJECTION_TEXT, type RejectionReason } from "./signature";
import { verifyIncoming } from "./verify";

type ReceiverRow = typeof webhookReceivers.$inferSelect;

export const MAX_INCOMING_BYTES = 1024 * 1024;
const INCOMING_TOO_LARGE = "The body is larger than 1 MB.";
const UNKNOWN_RECEIVER = "No receiver has this URL.";
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

export async function createReceiver(ctx: TenantContext, integrationId: string, raw: unknown, origin: string) {
  requireRole(ctx, "admin");
  const input = createReceiverSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const integration = await loadOwned(integrations, ctx, integrationId);
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
    await writeEvents(ctx, tx, { type: "webhook_receiver", id: row!.id }, "created", {
      integration_id: integration.id,
      scheme: input.scheme,
    });
    return receiverView(row!, origin);
  });
}

/** A new URL for the receiver; the old one answers 404 from now on. */
export async function rotateReceiverUrl(ctx: TenantContext, id: string, origin: string) {
  requireRole(ctx, "admin");
  return withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookReceivers, ctx, id, { lock: true });
    const [updated] = await tx.update(webhookReceivers).set({ publicId: newPublicId() }).where(eq(webhookReceivers.id, row.id)).returning();
    await writeEvents(ctx, tx, { type: "webhook_receiver", id: row.id }, "url_rotated");
    return receiverView(updated!, origin);
  });
}

export async function deleteReceiver(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  await withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookReceivers, ctx, id, { lock: true });
    await tx.delete(webhookReceivers).where(eq(webhookReceivers.id, row.id));
    await writeEvents(ctx, tx, { type: "webhook_receiver", id: row.id }, "deleted");
  });
}

/** The integration's receivers with their rejection counts by reason. */
export async function listReceivers(ctx: TenantContext, integrationId: string, origin: string) {
  requireRole(ctx, "viewer");
  const integration = await loadOwned(integrations, ctx, integrationId);
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

const RECEIVED_KEY = instantKey(receivedWebhookEvents.receivedAt);

export async function listReceivedEvents(ctx: TenantContext, integrationId: string, raw: ListReceivedEventsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listReceivedEventsSchema.parse(raw);
  const integration = await loadOwned(integrations, ctx, integrationId);
  const filters = [eq(receivedWebhookEvents.integrationId, integration.id)];
  if (input.cursor)
    filters.push(afterCursor(input.cursor, cursorShapes.instantThenId, [receivedWebhookEvents.receivedAt, receivedWebhookEvents.id], true));
  const rows = await db()
    .select({ event: receivedWebhookEvents, sortKey: RECEIVED_KEY })
    .from(receivedWebhookEvents)
    .where(and(...filters))
    .orderBy(desc(receivedWebhookEvents.receivedAt), desc(receivedWebhookEvents.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.event.id]);
  return {
    data: page.map(({ event: r }) => ({
      id: r.id,
      receiver_id: r.receiverId,
      provider_event_id: r.providerEventId,
      event_type: r.eventType,
      verified: r.verified,
      received_at: r.receivedAt.toISOString(),
      payload: r.body,
    })),
    next_cursor,
  };
}

export type ReceiveResult = { status: 200 | 400 | 401 | 404 | 413; body: Record<string, unknown> };

// DESIGN §3's error body, so a sender's logs show the same shape as an API caller's.
const refuse = (status: 400 | 401 | 404 | 413, code: ErrorCode, message: string): ReceiveResult => ({
  status,
  body: { error: { code, message } },
});

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
  if (!PUBLIC_ID.test(publicId)) return refuse(404, "not_found", UNKNOWN_RECEIVER);
  const [receiver] = await db().select().from(webhookReceivers).where(eq(webhookReceivers.publicId, publicId));
  if (!receiver) return refuse(404, "not_found", UNKNOWN_RECEIVER);
  if (Buffer.byteLength(body, "utf8") > MAX_INCOMING_BYTES) return refuse(413, "payload_too_large", INCOMING_TOO_LARGE);

  const secret = decryptSecret(receiver.secret, contextFor(WEBHOOK_RECEIVER_SECRET_COLUMN, receiver));
  const verdict = verifyIncoming(
    { scheme: receiver.scheme, secret, header: receiver.header, encoding: receiver.encoding },
    headers,
    body,
    now,
  );
  if (!verdict.ok) {
    await countRejection(receiver.id, verdict.reason, verdict.detail, now);
    return refuse(401, "unauthorized", verdict.detail);
  }
  // PostgreSQL text cannot hold NUL, and no JSON body carries one raw; the sender must fix what it sends.
  if (body.includes("\u0000"))
    return refuse(400, "bad_request", "The body contains NUL bytes, which cannot be stored; send it without them.");
  // The id and type are kept as received where they can be; a NUL or lone surrogate (decoded from a JSON
  // escape) becomes U+FFFD rather than failing the write on every retry of an authentic event.
  const eventId = toStorableText(verdict.eventId);
  const eventType = verdict.eventType === null ? null : toStorableText(verdict.eventType);
  const result = await db().transaction(async (tx) => {
    const [stored] = await tx
      .insert(receivedWebhookEvents)
      .values({
        tenantId: receiver.tenantId,
        integrationId: receiver.integrationId,
        receiverId: receiver.id,
        providerEventId: eventId,
        eventType,
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
      { integration_id: receiver.integrationId, event_id: stored.id, event_type: eventType },
      tx,
    );
    return { status: 200, body: { received: true, duplicate: false } } as const;
  });
  if (!result.body.duplicate) await applyToStreams(receiver, body);
  return result;
}

/**
 * A connector stream with the webhook update method takes the event's record. After the event is
 * stored, and never failing the answer: the sender must not retry an event Patchbay holds, and the
 * stream's next full run reconciles a change that could not be applied.
 */
async function applyToStreams(receiver: ReceiverRow, body: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  try {
    await applyConnectorWebhook({ tenant: { id: receiver.tenantId } }, receiver.integrationId, parsed);
  } catch (error) {
    logError("webhooks: a verified event's change could not be applied to the sync streams", error, { receiver_id: receiver.id });
  }
}
