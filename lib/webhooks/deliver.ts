import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { sendRequest } from "@/lib/http/client";
import { HttpError } from "@/lib/http/http-error";
import { createRedactor } from "@/lib/http/redact";
import { hitLimit } from "@/lib/rate-limit";
import { customHeaders, signingSecrets, type EndpointRow } from "./endpoints";
import { ATTEMPT_TIMEOUT_MS, DISABLE_AFTER_MS, nextDelaySeconds, parseRetryAfter, WARN_AFTER_MS } from "./retry-policy";
import { signedHeaders } from "./signing";

/** Longer than one attempt can take, so a live worker never loses its lease mid-call. */
const LEASE_MS = ATTEMPT_TIMEOUT_MS + 15_000;
const EXCERPT_CHARS = 2000;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export type AttemptOutcome =
  | { kind: "skipped" }
  | { kind: "throttled"; nextAttemptAt: Date }
  | { kind: "succeeded"; attempt: number }
  | { kind: "retrying" | "failed"; attempt: number; nextAttemptAt: Date | null };

export type DeliverOptions = { now?: Date; random?: () => number };

/**
 * Takes attempt `attempt` of a delivery for this worker. Only one worker wins; a lease that ran
 * out means its holder died mid-call, and the attempt is made again with the same webhook-id.
 */
export async function claimAttempt(deliveryId: string, attempt: number, now: Date): Promise<DeliveryRow | null> {
  const [row] = await db()
    .update(webhookDeliveries)
    .set({ leasedUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attempts, attempt - 1),
        or(isNull(webhookDeliveries.leasedUntil), lte(webhookDeliveries.leasedUntil, now)),
      ),
    )
    .returning();
  return row ?? null;
}

type Result = { statusCode: number | null; retryAfter: string | undefined; excerpt: string | null; errorKind: string | null; error: string | null; durationMs: number };

async function post(endpoint: EndpointRow, webhookId: string, body: string, now: Date): Promise<Result> {
  const started = performance.now();
  const secrets = signingSecrets(endpoint, now);
  const custom = customHeaders(endpoint);
  const headers = { ...custom, "content-type": "application/json", "user-agent": "Patchbay-Webhooks/1.0", ...signedHeaders(secrets, webhookId, now, body) };
  // A subscriber that echoes the request back must not put the secret or a header value in the attempt log.
  const hide = createRedactor([...secrets, ...Object.values(custom).filter((v) => v.length >= 8)]);
  try {
    const res = await sendRequest({ url: endpoint.url, method: "POST", headers, body, timeoutMs: ATTEMPT_TIMEOUT_MS, maxRedirects: 0, maxResponseBytes: 256 * 1024 });
    const ok = res.status >= 200 && res.status < 300;
    return {
      statusCode: res.status,
      retryAfter: res.headers["retry-after"],
      excerpt: hide(res.body.toString("utf8").slice(0, EXCERPT_CHARS)),
      errorKind: ok ? null : "status",
      error: ok ? null : res.status >= 300 && res.status < 400 ? `Answered ${res.status}; webhook deliveries do not follow redirects. Use the final URL.` : `Answered ${res.status}.`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const known = error instanceof HttpError;
    return {
      statusCode: null,
      retryAfter: undefined,
      excerpt: null,
      errorKind: known ? error.kind : "network",
      error: known ? error.message : "The request failed.",
      durationMs: Math.round(performance.now() - started),
    };
  }
}

async function disableEndpoint(tx: Db, endpoint: EndpointRow, reason: string) {
  await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason }).where(eq(webhookEndpoints.id, endpoint.id));
  await emitEvent(endpoint.tenantId, "webhook_endpoint.disabled", { id: endpoint.id, url: endpoint.url, reason }, tx);
}

/** Success resets the failure clock; failure starts it, warns after a day and disables after five. */
async function trackEndpointHealth(tx: Db, endpointId: string, success: boolean, gone: boolean, now: Date) {
  if (success) {
    // Conditional, so the usual case (already healthy) writes nothing and locks nothing.
    await tx.update(webhookEndpoints).set({ failingSince: null, failingWarnedAt: null }).where(and(eq(webhookEndpoints.id, endpointId), isNotNull(webhookEndpoints.failingSince)));
    return;
  }
  const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).for("update");
  if (!endpoint?.enabled) return;
  if (gone) return disableEndpoint(tx, endpoint, "The endpoint answered 410 Gone.");
  const since = endpoint.failingSince ?? now;
  const failingFor = now.getTime() - since.getTime();
  if (failingFor >= DISABLE_AFTER_MS) return disableEndpoint(tx, endpoint, "Every delivery attempt failed for 5 days.");
  const warn = failingFor >= WARN_AFTER_MS && !endpoint.failingWarnedAt;
  if (!endpoint.failingSince || warn) {
    await tx.update(webhookEndpoints).set({ failingSince: since, ...(warn ? { failingWarnedAt: now } : {}) }).where(eq(webhookEndpoints.id, endpointId));
  }
  if (warn) {
    const disablesAt = new Date(since.getTime() + DISABLE_AFTER_MS).toISOString();
    await emitEvent(endpoint.tenantId, "webhook_endpoint.failing", { id: endpoint.id, url: endpoint.url, failing_since: since.toISOString(), disables_at: disablesAt }, tx);
  }
}

/**
 * Makes one attempt of a delivery: claim, signed POST (no redirects, 15 s), then the outcome
 * and the next step recorded together. Safe to run twice for the same attempt: the second
 * run finds it claimed or done and skips.
 */
export async function deliverAttempt(deliveryId: string, attempt: number, options: DeliverOptions = {}): Promise<AttemptOutcome> {
  const now = options.now ?? new Date();
  const delivery = await claimAttempt(deliveryId, attempt, now);
  if (!delivery) return { kind: "skipped" };
  const [endpoint] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  const [message] = await db().select().from(webhookMessages).where(eq(webhookMessages.id, delivery.messageId));
  if (!endpoint || !message) return { kind: "skipped" };

  if (!endpoint.enabled) {
    await db().update(webhookDeliveries).set({ status: "failed", leasedUntil: null, nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    return { kind: "failed", attempt, nextAttemptAt: null };
  }
  if (endpoint.rateLimitPerSecond) {
    const state = await hitLimit(`webhook-endpoint:${endpoint.id}`, { limit: endpoint.rateLimitPerSecond, windowSeconds: 1 }, 1, now);
    if (state.count > state.limit) {
      await db().update(webhookDeliveries).set({ leasedUntil: null, nextAttemptAt: state.resetAt, enqueuedAt: state.resetAt }).where(eq(webhookDeliveries.id, deliveryId));
      return { kind: "throttled", nextAttemptAt: state.resetAt };
    }
  }

  const result = await post(endpoint, message.webhookId, message.body, now);
  const success = result.errorKind === null;
  const gone = result.statusCode === 410;
  const retryAfter = result.statusCode === 429 || result.statusCode === 503 ? parseRetryAfter(result.retryAfter, now) : null;
  const delay = success || gone ? null : nextDelaySeconds(attempt - delivery.roundStart, retryAfter, options.random);
  const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay * 1000);
  const status = success ? "succeeded" : nextAttemptAt ? "pending" : "failed";

  return db().transaction(async (tx) => {
    // Guarded on the attempt count: a worker whose lease ran out records nothing over its successor.
    const [recorded] = await tx
      .update(webhookDeliveries)
      .set({ status, attempts: attempt, leasedUntil: null, nextAttemptAt, enqueuedAt: nextAttemptAt, lastAttemptAt: now, lastStatusCode: result.statusCode })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attempts, attempt - 1)))
      .returning({ id: webhookDeliveries.id });
    if (!recorded) return { kind: "skipped" } as const;
    await tx.insert(webhookAttempts).values({
      tenantId: delivery.tenantId,
      deliveryId,
      attempt,
      startedAt: now,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      responseExcerpt: result.excerpt,
      errorKind: result.errorKind,
      error: result.error,
      success,
    });
    await trackEndpointHealth(tx, endpoint.id, success, gone, now);
    if (success) return { kind: "succeeded", attempt } as const;
    return { kind: nextAttemptAt ? "retrying" : "failed", attempt, nextAttemptAt } as const;
  });
}

/** Starts a delivery's retry schedule over: "Resend" and "Replay failed since…". */
export async function restartDeliveries(tx: Db, where: ReturnType<typeof and>, now: Date): Promise<number> {
  const rows = await tx
    .update(webhookDeliveries)
    .set({ status: "pending", roundStart: sql`${webhookDeliveries.attempts}`, nextAttemptAt: now, enqueuedAt: null })
    .where(where)
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
