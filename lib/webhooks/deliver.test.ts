import type http from "node:http";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { claimAttempt, deliverAttempt } from "./deliver";
import { dispatchOutbox, takeDueDeliveries } from "./dispatch";
import { createEndpoint, getEndpoint, rotateEndpointSecret, updateEndpoint } from "./endpoints";
import { replayFailedSince, resendDelivery, sendTestEvent } from "./messages";
import { getDelivery, listDeliveries } from "./queries";
import { RETRY_DELAYS_SECONDS } from "./retry-policy";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});
// Tests drive deliveries themselves, with a controllable clock, instead of through pg-boss.
vi.mock("./wake", () => ({ wakeDeliveryPump: async () => {} }));

const peer = loopbackPeers();
type Seen = { headers: http.IncomingHttpHeaders; body: string };

/** A subscriber on loopback answering with `respond(n)` for its n-th request. */
async function subscriber(
  respond: (n: number) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: "ok" }),
) {
  const seen: Seen[] = [];
  const url = await peer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      const answer = respond(seen.length);
      res.writeHead(answer.status, answer.headers).end(answer.body ?? "");
    });
  });
  return { url: `${url}/hooks`, seen };
}

async function setup(respond?: Parameters<typeof subscriber>[0], input: Record<string, unknown> = {}) {
  const owner = await ownerContext();
  const sub = await subscriber(respond);
  const endpoint = await createEndpoint(owner, { url: sub.url, ...input });
  return { owner, sub, endpoint };
}

async function emitAndDispatch(
  tenantId: string,
  type = "integration.created",
  payload: Record<string, unknown> = { id: "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", name: "Stripe" },
  now = new Date(),
) {
  await emitEvent(tenantId, type, payload);
  const { deliveries } = await dispatchOutbox(now);
  return deliveries;
}

const headersOf = (seen: Seen) => ({
  "webhook-id": String(seen.headers["webhook-id"]),
  "webhook-timestamp": String(seen.headers["webhook-timestamp"]),
  "webhook-signature": String(seen.headers["webhook-signature"]),
});

const half = () => 0.5;

describe("outgoing webhooks", () => {
  it("keeps the subscriber's response headers with the attempt, cookies redacted", async () => {
    const { owner } = await setup(() => ({
      status: 202,
      headers: { "x-request-id": "req-42", "set-cookie": "session=subscriber-session-secret" },
      body: "queued",
    }));
    const [due] = await emitAndDispatch(owner.tenant.id);
    await deliverAttempt(due!.deliveryId, due!.attempt);
    const [attempt] = (await getDelivery(owner, due!.deliveryId)).attempt_log;
    expect(attempt!.response_headers).toMatchObject({ "x-request-id": "req-42", "set-cookie": "[redacted]" });
    expect(JSON.stringify(attempt)).not.toContain("subscriber-session-secret");
  });

  it("delivers an outbox event signed as the standardwebhooks library verifies it, with custom headers, and logs the attempt", async () => {
    const { owner, sub, endpoint } = await setup(undefined, { headers: { "X-Tenant-Token": "tok_live_abcdef123456" } });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(await getEndpoint(owner, endpoint.id))).not.toContain(endpoint.secret);

    const [due] = await emitAndDispatch(owner.tenant.id);
    expect(await deliverAttempt(due!.deliveryId, due!.attempt)).toMatchObject({ kind: "succeeded", attempt: 1 });

    const [request] = sub.seen;
    const verified = new Webhook(endpoint.secret).verify(request!.body, headersOf(request!)) as { type: string; data: { name: string } };
    expect(verified).toMatchObject({ type: "integration.created", data: { name: "Stripe" } });
    expect(request!.headers["x-tenant-token"]).toBe("tok_live_abcdef123456");
    expect(request!.headers["content-type"]).toBe("application/json");

    const detail = await getDelivery(owner, due!.deliveryId);
    expect(detail).toMatchObject({ status: "succeeded", attempts: 1, webhook_id: request!.headers["webhook-id"] });
    expect(detail.attempt_log).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 200, success: true, response_excerpt: "ok", error_kind: null }),
    ]);
  });

  it("delivers only to enabled endpoints subscribed to the event type, once per event however often dispatch runs", async () => {
    const owner = await ownerContext();
    const all = await subscriber();
    const keysOnly = await subscriber();
    const off = await subscriber();
    await createEndpoint(owner, { url: all.url });
    await createEndpoint(owner, { url: keysOnly.url, events: ["api_key.created"] });
    await createEndpoint(owner, { url: off.url, enabled: false });
    const other = await ownerContext("globex");
    await createEndpoint(other, { url: (await subscriber()).url });

    await emitEvent(owner.tenant.id, "integration.created", { id: "x" });
    await emitEvent(owner.tenant.id, "api_key.created", { id: "y" });
    const first = await dispatchOutbox();
    const second = await dispatchOutbox();
    expect(first.deliveries).toHaveLength(3);
    expect(second).toEqual({ events: 0, deliveries: [] });
    for (const d of first.deliveries) await deliverAttempt(d.deliveryId, d.attempt);
    expect(all.seen.map((s) => JSON.parse(s.body).type).sort()).toEqual(["api_key.created", "integration.created"]);
    expect(keysOnly.seen.map((s) => JSON.parse(s.body).type)).toEqual(["api_key.created"]);
    expect(off.seen).toHaveLength(0);
  });

  it("retires the old secret at once when the rotation gives it no grace period", async () => {
    const { owner, sub, endpoint } = await setup();
    const t0 = new Date();
    const rotated = await rotateEndpointSecret(owner, endpoint.id, { grace_period_hours: 0 }, t0);
    expect(rotated.previous_secret_expires_at ?? null).toBeNull();
    const [d] = await emitAndDispatch(owner.tenant.id, "integration.created", { id: "a" }, t0);
    await deliverAttempt(d!.deliveryId, 1, { now: t0 });
    const sent = sub.seen[0]!;
    expect(String(sent.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(sent.body, headersOf(sent))).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(sent.body, headersOf(sent))).toThrow();
    await expect(rotateEndpointSecret(owner, endpoint.id, { grace_period_hours: 721 })).rejects.toThrow();
  });

  it("signs with both secrets for 24 hours after a rotation, then with the new one only", async () => {
    const { owner, sub, endpoint } = await setup();
    const t0 = new Date();
    const rotated = await rotateEndpointSecret(owner, endpoint.id, {}, t0);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const [d1] = await emitAndDispatch(owner.tenant.id, "integration.created", { id: "a" }, t0);
    await deliverAttempt(d1!.deliveryId, 1, { now: t0 });
    const during = sub.seen[0]!;
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    // The library checks the timestamp against the real clock, which t0 is.
    expect(() => new Webhook(endpoint.secret).verify(during.body, headersOf(during))).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(during.body, headersOf(during))).not.toThrow();

    const later = new Date(t0.getTime() + 25 * 3600 * 1000);
    const [d2] = await emitAndDispatch(owner.tenant.id, "integration.created", { id: "b" }, later);
    await deliverAttempt(d2!.deliveryId, 1, { now: later });
    const after = sub.seen[1]!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    const { createHmac } = await import("node:crypto");
    const expected = (secret: string) =>
      `v1,${createHmac("sha256", Buffer.from(secret.slice(6), "base64"))
        .update(`${after.headers["webhook-id"]}.${after.headers["webhook-timestamp"]}.${after.body}`)
        .digest("base64")}`;
    expect(after.headers["webhook-signature"]).toBe(expected(rotated.secret));
    expect(after.headers["webhook-signature"]).not.toBe(expected(endpoint.secret));
  });

  it("retries on the schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h with the same webhook-id, then fails", async () => {
    const { owner, sub } = await setup(() => ({ status: 500, body: "database down" }));
    let now = new Date();
    const [due] = await emitAndDispatch(owner.tenant.id, undefined, undefined, now);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const outcome = await deliverAttempt(due!.deliveryId, attempt, { now, random: half });
      if (outcome.kind !== "retrying") {
        expect(outcome).toMatchObject({ kind: "failed", attempt: 8, nextAttemptAt: null });
        break;
      }
      waits.push((outcome.nextAttemptAt!.getTime() - now.getTime()) / 1000);
      now = outcome.nextAttemptAt!;
    }
    expect(waits).toEqual([...RETRY_DELAYS_SECONDS]);
    expect(new Set(sub.seen.map((s) => s.headers["webhook-id"])).size).toBe(1);
    expect(sub.seen).toHaveLength(8);
    const detail = await getDelivery(owner, due!.deliveryId);
    expect(detail.status).toBe("failed");
    expect(detail.attempt_log.map((a) => [a.status_code, a.error_kind])).toEqual(Array(8).fill([500, "status"]));
  });

  it("jitters each wait by at most 20%", async () => {
    const { owner } = await setup(() => ({ status: 500 }));
    const now = new Date();
    await emitEvent(owner.tenant.id, "integration.updated", { n: 1 });
    await emitEvent(owner.tenant.id, "integration.updated", { n: 2 });
    const [low, high] = (await dispatchOutbox(now)).deliveries;
    const a = await deliverAttempt(low!.deliveryId, 1, { now, random: () => 0 });
    const b = await deliverAttempt(high!.deliveryId, 1, { now, random: () => 0.999999 });
    const wait = (o: typeof a) => ("nextAttemptAt" in o && o.nextAttemptAt ? (o.nextAttemptAt.getTime() - now.getTime()) / 1000 : NaN);
    expect(wait(a)).toBeCloseTo(4, 3);
    expect(wait(b)).toBeCloseTo(6, 2);
  });

  it("honours Retry-After on 429 and 503 within 1–2× the scheduled wait", async () => {
    const answers = [
      { status: 429, headers: { "retry-after": "1" } },
      { status: 503, headers: { "retry-after": "3600" } },
      { status: 429, headers: { "retry-after": "450" } },
    ];
    const { owner } = await setup((n) => answers[n - 1] ?? { status: 200 });
    let now = new Date();
    const [due] = await emitAndDispatch(owner.tenant.id, undefined, undefined, now);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const outcome = await deliverAttempt(due!.deliveryId, attempt, { now, random: half });
      const next = (outcome as { nextAttemptAt: Date }).nextAttemptAt;
      waits.push((next.getTime() - now.getTime()) / 1000);
      now = next;
    }
    // Scheduled 5 s (asked 1 → 5), 300 s (asked 3600 → 600), 1800 s (asked 450 → 1800).
    expect(waits).toEqual([5, 600, 1800]);
  });

  it("disables the endpoint at once on 410 Gone and says so in an event", async () => {
    const { owner, sub, endpoint } = await setup(() => ({ status: 410 }));
    const now = new Date();
    const [first] = await emitAndDispatch(owner.tenant.id, undefined, { n: 1 }, now);
    expect(await deliverAttempt(first!.deliveryId, 1, { now })).toMatchObject({ kind: "failed", nextAttemptAt: null });
    expect(await getEndpoint(owner, endpoint.id)).toMatchObject({ enabled: false, disabled_reason: "The endpoint answered 410 Gone." });
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "webhook_endpoint.disabled"));
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ id: endpoint.id, reason: "The endpoint answered 410 Gone." })]);
    expect(sub.seen).toHaveLength(1);
  });

  it("warns after a day of failures and disables after five; a success resets the clock", async () => {
    let healthy = false;
    const { owner, endpoint } = await setup(() => (healthy ? { status: 204 } : { status: 500 }));
    const day = 24 * 3600 * 1000;
    const t0 = new Date();
    const attemptAt = async (offsetMs: number) => {
      const now = new Date(t0.getTime() + offsetMs);
      await emitEvent(owner.tenant.id, "integration.updated", { at: offsetMs });
      const { deliveries } = await dispatchOutbox();
      for (const d of deliveries) await deliverAttempt(d.deliveryId, 1, { now, random: half });
      return getEndpoint(owner, endpoint.id);
    };
    const failing = await attemptAt(0);
    expect(failing.failing_since).toBe(t0.toISOString());
    expect(failing.disables_at).toBe(new Date(t0.getTime() + 5 * day).toISOString());

    healthy = true;
    expect((await attemptAt(day / 2)).failing_since).toBeNull();
    healthy = false;
    const restart = day;
    await attemptAt(restart);
    expect((await attemptAt(restart + 2 * day)).enabled).toBe(true);
    const warnings = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "webhook_endpoint.failing"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.payload).toMatchObject({ id: endpoint.id, disables_at: new Date(t0.getTime() + restart + 5 * day).toISOString() });

    const disabled = await attemptAt(restart + 5 * day);
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: "Every delivery attempt failed for 5 days." });
    expect(await db().select().from(outboxEvents).where(eq(outboxEvents.type, "webhook_endpoint.disabled"))).toHaveLength(1);
  });

  it("resends one delivery and replays failed ones since a moment, with the same webhook-id", async () => {
    let up = false;
    const { owner, sub, endpoint } = await setup(() => (up ? { status: 200 } : { status: 410 }));
    const now = new Date();
    const [d] = await emitAndDispatch(owner.tenant.id, undefined, { n: 1 }, now);
    await deliverAttempt(d!.deliveryId, 1, { now });
    await updateEndpoint(owner, endpoint.id, { enabled: true });
    up = true;

    expect(await resendDelivery(owner, d!.deliveryId, now)).toEqual({ id: d!.deliveryId, status: "pending" });
    const [again] = await takeDueDeliveries(now);
    expect(again).toEqual({ deliveryId: d!.deliveryId, attempt: 2 });
    expect(await deliverAttempt(again!.deliveryId, again!.attempt, { now })).toMatchObject({ kind: "succeeded" });
    expect(sub.seen[1]!.headers["webhook-id"]).toBe(sub.seen[0]!.headers["webhook-id"]);

    up = false;
    const failedAt = new Date(now.getTime() + 1000);
    const [e] = await emitAndDispatch(owner.tenant.id, undefined, { n: 2 }, failedAt);
    await deliverAttempt(e!.deliveryId, 1, { now: failedAt });
    await updateEndpoint(owner, endpoint.id, { enabled: true });
    up = true;
    expect(await listDeliveries(owner, endpoint.id, { status: "failed" })).toMatchObject({ data: [{ id: e!.deliveryId }] });
    expect(await replayFailedSince(owner, endpoint.id, { since: new Date(now.getTime() - 60_000).toISOString() }, failedAt)).toEqual({
      replayed: 1,
    });
    for (const due of await takeDueDeliveries(failedAt)) await deliverAttempt(due.deliveryId, due.attempt, { now: failedAt });
    expect(await listDeliveries(owner, endpoint.id, { status: "failed" })).toMatchObject({ data: [] });
    expect(await listDeliveries(owner, endpoint.id, { status: "succeeded" })).toMatchObject({ data: [{}, {}] });
  });

  it("sends a test event to one endpoint only", async () => {
    const { owner, sub, endpoint } = await setup();
    const other = await subscriber();
    await createEndpoint(owner, { url: other.url });
    const now = new Date();
    const test = await sendTestEvent(owner, endpoint.id, now);
    for (const due of await takeDueDeliveries(now)) await deliverAttempt(due.deliveryId, due.attempt, { now });
    expect(sub.seen.map((s) => JSON.parse(s.body))).toEqual([
      expect.objectContaining({ type: "webhook.test", data: expect.objectContaining({ endpoint_id: endpoint.id }) }),
    ]);
    expect(sub.seen[0]!.headers["webhook-id"]).toBe(test.webhook_id);
    expect(other.seen).toHaveLength(0);
  });

  it("loses nothing when a worker dies mid-delivery: another worker delivers it later with the same webhook-id", async () => {
    const { owner, sub } = await setup();
    const t0 = new Date();
    const [due] = await emitAndDispatch(owner.tenant.id, undefined, undefined, t0);
    // Worker A claims the attempt and dies before recording anything.
    expect(await claimAttempt(due!.deliveryId, 1, t0)).not.toBeNull();
    // Its lease still holds: a duplicate job for the same attempt backs off.
    expect(await deliverAttempt(due!.deliveryId, 1, { now: t0 })).toEqual({ kind: "skipped" });
    expect(await takeDueDeliveries(new Date(t0.getTime() + 10_000))).toEqual([]);

    // Once the lease and the job have run out, the pump hands it to worker B.
    const later = new Date(t0.getTime() + 6 * 60_000);
    const requeued = await takeDueDeliveries(later);
    expect(requeued).toEqual([{ deliveryId: due!.deliveryId, attempt: 1 }]);
    const [b1, b2] = await Promise.all([
      deliverAttempt(due!.deliveryId, 1, { now: later }),
      deliverAttempt(due!.deliveryId, 1, { now: later }),
    ]);
    expect([b1.kind, b2.kind].sort()).toEqual(["skipped", "succeeded"]);
    expect(sub.seen).toHaveLength(1);
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due!.deliveryId));
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await db().select().from(webhookAttempts)).toHaveLength(1);
    const detail = await getDelivery(owner, due!.deliveryId);
    expect(sub.seen[0]!.headers["webhook-id"]).toBe(detail.webhook_id);
  });

  it("holds deliveries back to the endpoint's rate limit without spending attempts", async () => {
    const { owner, sub } = await setup(undefined, { rate_limit_per_second: 2 });
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 100);
    for (let n = 0; n < 3; n++) await emitEvent(owner.tenant.id, "integration.updated", { n });
    const { deliveries } = await dispatchOutbox(now);
    const outcomes = [];
    for (const d of deliveries) outcomes.push(await deliverAttempt(d.deliveryId, 1, { now }));
    expect(outcomes.map((o) => o.kind)).toEqual(["succeeded", "succeeded", "throttled"]);
    const held = outcomes[2] as { nextAttemptAt: Date };
    expect(held.nextAttemptAt.getTime()).toBe(Math.ceil(now.getTime() / 1000) * 1000);
    expect(await deliverAttempt(deliveries[2]!.deliveryId, 1, { now: held.nextAttemptAt })).toMatchObject({
      kind: "succeeded",
      attempt: 1,
    });
    expect(sub.seen).toHaveLength(3);
  });

  it("refuses an event payload over 256 KB when it is emitted", async () => {
    const owner = await ownerContext();
    await expect(emitEvent(owner.tenant.id, "integration.updated", { blob: "x".repeat(256 * 1024) })).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("limited to 256 KB"),
    });
    expect(await db().select().from(outboxEvents)).toHaveLength(0);
  });

  it("records why an attempt failed: refused connection, redirect not followed", async () => {
    const { closedLoopbackUrl } = await import("@/tests/peers/loopback-server");
    const owner = await ownerContext();
    const closed = await createEndpoint(owner, { url: `${await closedLoopbackUrl()}/x` });
    const redirecting = await subscriber(() => ({ status: 301, headers: { location: "https://example.com/" } }));
    const moved = await createEndpoint(owner, { url: redirecting.url });
    const deliveries = await emitAndDispatch(owner.tenant.id);
    for (const d of deliveries) await deliverAttempt(d.deliveryId, 1);
    const kinds = async (endpointId: string) => {
      const [row] = (await listDeliveries(owner, endpointId)).data;
      return (await getDelivery(owner, row!.id)).attempt_log[0];
    };
    expect(await kinds(closed.id)).toMatchObject({ error_kind: "refused", status_code: null });
    expect(await kinds(moved.id)).toMatchObject({
      error_kind: "status",
      status_code: 301,
      error: expect.stringContaining("do not follow redirects"),
    });
    expect(redirecting.seen).toHaveLength(1);
  });
});
