import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { db, rowsOf, type Db } from "@/db/client";
import { withSystem } from "@/lib/tenancy/data";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages, type DeliveryStatus } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { sendRequest } from "@/lib/http/client";
import { HttpError } from "@/lib/http/http-error";
import { createRedactor, REDACTED } from "@/lib/http/redact";
import { hitLimit } from "@/lib/rate-limit";
import { authCredentials, customHeaders, retryPolicyOf, signingSecrets, type EndpointRow } from "./endpoints";
import { HMAC_SIGNATURE_HEADER } from "./endpoint-options";
import { ATTEMPT_TIMEOUT_MS, DISABLE_AFTER_MS, nextDelaySeconds, parseRetryAfter, retrySchedule, WARN_AFTER_MS } from "./retry-policy";
import { bodySignature, signedHeaders } from "./signing";

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

export type AttemptRef = { deliveryId: string; attempt: number };

/**
 * Takes each listed attempt for this worker, in one statement. Only one worker wins an attempt;
 * a lease that ran out means its holder died mid-call, and the attempt is made again with the
 * same webhook-id.
 */
export async function claimAttempts(refs: AttemptRef[], now: Date): Promise<DeliveryRow[]> {
  if (refs.length === 0) return [];
  return db()
    .update(webhookDeliveries)
    .set({ leasedUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        or(isNull(webhookDeliveries.leasedUntil), lte(webhookDeliveries.leasedUntil, now)),
        or(...refs.map((r) => and(eq(webhookDeliveries.id, r.deliveryId), eq(webhookDeliveries.attempts, r.attempt - 1)))),
      ),
    )
    .returning();
}

export async function claimAttempt(deliveryId: string, attempt: number, now: Date): Promise<DeliveryRow | null> {
  return (await claimAttempts([{ deliveryId, attempt }], now))[0] ?? null;
}

type Result = {
  statusCode: number | null;
  retryAfter: string | undefined;
  excerpt: string | null;
  errorKind: string | null;
  error: string | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string> | null;
};

// Enough of a subscriber's answer to debug it, not a place to store whatever it sends.
const MAX_RESPONSE_HEADERS = 40;
const MAX_HEADER_VALUE_CHARS = 500;

function loggedResponseHeaders(headers: Record<string, string>, hide: (text: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .slice(0, MAX_RESPONSE_HEADERS)
      .map(([name, value]) => [name, /^(set-cookie|cookie)$/i.test(name) ? REDACTED : hide(value.slice(0, MAX_HEADER_VALUE_CHARS))]),
  );
}

/**
 * The endpoint's own auth on top of the Standard Webhooks signature, and the same headers as the
 * attempt log keeps them: Authorization and custom header values redacted (they may be
 * credentials), signatures shown (they prove nothing without the secret).
 */
type AuthHeaders = {
  sent: Record<string, string>;
  logged: Record<string, string>;
  secrets: string[];
  basicPairs: [string, string][];
};

function authHeaders(endpoint: EndpointRow, body: string): AuthHeaders {
  const credentials = authCredentials(endpoint);
  switch (endpoint.authType) {
    case "basic": {
      const encoded = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
      return {
        sent: { authorization: `Basic ${encoded}` },
        logged: { authorization: `Basic ${REDACTED}` },
        secrets: [credentials.password!],
        basicPairs: [[credentials.username!, credentials.password!]],
      };
    }
    case "bearer":
      return {
        sent: { authorization: `Bearer ${credentials.token}` },
        logged: { authorization: `Bearer ${REDACTED}` },
        secrets: [credentials.token!],
        basicPairs: [],
      };
    case "hmac": {
      const signed = { [HMAC_SIGNATURE_HEADER]: bodySignature(credentials.secret!, body) };
      return { sent: signed, logged: signed, secrets: [credentials.secret!], basicPairs: [] };
    }
    default:
      return { sent: {}, logged: {}, secrets: [], basicPairs: [] };
  }
}

async function send(endpoint: EndpointRow, webhookId: string, body: string, now: Date): Promise<Result> {
  const started = performance.now();
  const secrets = signingSecrets(endpoint, now);
  const custom = customHeaders(endpoint);
  const auth = authHeaders(endpoint, body);
  const own = {
    "content-type": "application/json",
    "user-agent": "Patchbay-Webhooks/1.0",
    ...signedHeaders(secrets, webhookId, now, body),
  };
  const headers = { ...custom, ...own, ...auth.sent };
  const requestHeaders = {
    ...Object.fromEntries(Object.keys(custom).map((name) => [name, REDACTED])),
    ...own,
    ...auth.logged,
  };
  // A subscriber that echoes the request back must not put a secret or a header value in the attempt log.
  const hide = createRedactor([...secrets, ...auth.secrets, ...Object.values(custom).filter((v) => v.length >= 8)], auth.basicPairs);
  try {
    const res = await sendRequest({
      url: endpoint.url,
      method: endpoint.httpMethod,
      headers,
      body,
      timeoutMs: ATTEMPT_TIMEOUT_MS,
      maxRedirects: 0,
      maxResponseBytes: 256 * 1024,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      statusCode: res.status,
      retryAfter: res.headers["retry-after"],
      excerpt: hide(res.body.toString("utf8").slice(0, EXCERPT_CHARS)),
      errorKind: ok ? null : "status",
      error: ok
        ? null
        : res.status >= 300 && res.status < 400
          ? `Answered ${res.status}; webhook deliveries do not follow redirects. Use the final URL.`
          : `Answered ${res.status}.`,
      durationMs: Math.round(performance.now() - started),
      requestHeaders,
      responseHeaders: loggedResponseHeaders(res.headers, hide),
    };
  } catch (error) {
    const known = error instanceof HttpError;
    return {
      statusCode: null,
      retryAfter: undefined,
      excerpt: null,
      errorKind: known ? error.kind : "network",
      error: known ? hide(error.message) : "The request failed.",
      durationMs: Math.round(performance.now() - started),
      requestHeaders,
      responseHeaders: null,
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
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: null, failingWarnedAt: null })
      .where(and(eq(webhookEndpoints.id, endpointId), isNotNull(webhookEndpoints.failingSince)));
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
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: since, ...(warn ? { failingWarnedAt: now } : {}) })
      .where(eq(webhookEndpoints.id, endpointId));
  }
  if (warn) {
    const disablesAt = new Date(since.getTime() + DISABLE_AFTER_MS).toISOString();
    await emitEvent(
      endpoint.tenantId,
      "webhook_endpoint.failing",
      { id: endpoint.id, url: endpoint.url, failing_since: since.toISOString(), disables_at: disablesAt },
      tx,
    );
  }
}

type Recorded = {
  delivery: DeliveryRow;
  endpoint: EndpointRow;
  result: Result;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  gone: boolean;
};

function outcomeOf(r: Recorded): AttemptOutcome {
  const attempt = r.delivery.attempts + 1;
  if (r.status === "succeeded") return { kind: "succeeded", attempt };
  return { kind: r.nextAttemptAt ? "retrying" : "failed", attempt, nextAttemptAt: r.nextAttemptAt };
}

/**
 * Outcomes and next steps of a batch of attempts, written together: one statement for the
 * deliveries (guarded on the attempt count, so a worker whose lease ran out records nothing over
 * its successor), one for the attempt log, then each endpoint's failure clock.
 */
async function record(batch: Recorded[], now: Date): Promise<Set<string>> {
  if (batch.length === 0) return new Set();
  return db().transaction(async (tx) => {
    const values = batch.map(
      (r) =>
        sql`(${r.delivery.id}::uuid, ${r.delivery.attempts + 1}::int, ${r.status}::text, ${r.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${r.result.statusCode}::int)`,
    );
    const updated = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update webhook_deliveries d
        set status = v.status, attempts = v.attempt, leased_until = null, next_attempt_at = v.next,
            enqueued_at = v.next, last_attempt_at = ${now.toISOString()}::timestamptz, last_status_code = v.code
        from (values ${sql.join(values, sql`, `)}) as v(id, attempt, status, next, code)
        where d.id = v.id and d.attempts = v.attempt - 1
        returning d.id`),
    );
    const kept = new Set(updated.map((u) => String(u.id)));
    const written = batch.filter((r) => kept.has(r.delivery.id));
    if (written.length === 0) return kept;
    await tx.insert(webhookAttempts).values(
      written.map((r) => ({
        tenantId: r.delivery.tenantId,
        deliveryId: r.delivery.id,
        attempt: r.delivery.attempts + 1,
        startedAt: now,
        durationMs: r.result.durationMs,
        statusCode: r.result.statusCode,
        responseExcerpt: r.result.excerpt,
        errorKind: r.result.errorKind,
        error: r.result.error,
        success: r.status === "succeeded",
        requestHeaders: r.result.requestHeaders,
        responseHeaders: r.result.responseHeaders,
      })),
    );
    // One verdict per endpoint: a 410 disables, else any success resets the clock, else it runs.
    for (const endpointId of new Set(written.map((r) => r.endpoint.id))) {
      const mine = written.filter((r) => r.endpoint.id === endpointId);
      const gone = mine.some((r) => r.gone);
      const success = !gone && mine.some((r) => r.status === "succeeded");
      await trackEndpointHealth(tx, endpointId, success, gone, now);
    }
    return kept;
  });
}

/**
 * Makes attempts of deliveries: claim, signed POSTs or PUTs (no redirects, 15 s each) in parallel, then
 * outcomes and next steps recorded together. Safe to run twice for the same attempt: the second
 * run finds it claimed or done and skips.
 */
export async function deliverAttempts(refs: AttemptRef[], options: DeliverOptions = {}): Promise<Map<string, AttemptOutcome>> {
  return withSystem("webhook delivery", () => deliverClaimed(refs, options));
}

async function deliverClaimed(refs: AttemptRef[], options: DeliverOptions): Promise<Map<string, AttemptOutcome>> {
  const now = options.now ?? new Date();
  const outcomes = new Map<string, AttemptOutcome>(refs.map((r) => [r.deliveryId, { kind: "skipped" }]));
  const claimed = await claimAttempts(refs, now);
  if (claimed.length === 0) return outcomes;
  const endpoints = new Map(
    (
      await db()
        .select()
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((d) => d.endpointId))]))
    ).map((e) => [e.id, e]),
  );
  const messages = new Map(
    (
      await db()
        .select()
        .from(webhookMessages)
        .where(inArray(webhookMessages.id, [...new Set(claimed.map((d) => d.messageId))]))
    ).map((m) => [m.id, m]),
  );

  const sendable: DeliveryRow[] = [];
  for (const delivery of claimed) {
    const endpoint = endpoints.get(delivery.endpointId);
    if (!endpoint || !messages.has(delivery.messageId)) continue;
    if (!endpoint.enabled) {
      await db()
        .update(webhookDeliveries)
        .set({ status: "failed", leasedUntil: null, nextAttemptAt: null })
        .where(eq(webhookDeliveries.id, delivery.id));
      outcomes.set(delivery.id, { kind: "failed", attempt: delivery.attempts + 1, nextAttemptAt: null });
      continue;
    }
    if (endpoint.rateLimitPerSecond) {
      const state = await hitLimit(`webhook-endpoint:${endpoint.id}`, { limit: endpoint.rateLimitPerSecond, windowSeconds: 1 }, 1, now);
      if (state.count > state.limit) {
        await db()
          .update(webhookDeliveries)
          .set({ leasedUntil: null, nextAttemptAt: state.resetAt, enqueuedAt: state.resetAt })
          .where(eq(webhookDeliveries.id, delivery.id));
        outcomes.set(delivery.id, { kind: "throttled", nextAttemptAt: state.resetAt });
        continue;
      }
    }
    sendable.push(delivery);
  }

  const batch = await Promise.all(
    sendable.map(async (delivery): Promise<Recorded> => {
      const endpoint = endpoints.get(delivery.endpointId)!;
      const message = messages.get(delivery.messageId)!;
      const result = await send(endpoint, message.webhookId, message.body, now);
      const success = result.errorKind === null;
      const gone = result.statusCode === 410;
      const retryAfter = result.statusCode === 429 || result.statusCode === 503 ? parseRetryAfter(result.retryAfter, now) : null;
      const failedInRound = delivery.attempts + 1 - delivery.roundStart;
      const schedule = retrySchedule(retryPolicyOf(endpoint));
      const delay = success || gone ? null : nextDelaySeconds(failedInRound, retryAfter, options.random, schedule);
      const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay * 1000);
      return { delivery, endpoint, result, gone, nextAttemptAt, status: success ? "succeeded" : nextAttemptAt ? "pending" : "failed" };
    }),
  );
  const kept = await record(batch, now);
  for (const r of batch) if (kept.has(r.delivery.id)) outcomes.set(r.delivery.id, outcomeOf(r));
  return outcomes;
}

export async function deliverAttempt(deliveryId: string, attempt: number, options: DeliverOptions = {}): Promise<AttemptOutcome> {
  return (await deliverAttempts([{ deliveryId, attempt }], options)).get(deliveryId)!;
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
