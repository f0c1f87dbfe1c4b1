import { createHmac } from "node:crypto";
import type http from "node:http";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { webhookAttempts, webhookEndpoints } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { deliverAttempt } from "./deliver";
import { dispatchOutbox } from "./dispatch";
import { createEndpoint, getEndpoint, listEndpoints, updateEndpoint } from "./endpoints";
import { endpointStats, getDelivery } from "./queries";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});
vi.mock("./wake", () => ({ wakeDeliveryPump: async () => {} }));

const peer = loopbackPeers();
type Seen = { method: string; headers: http.IncomingHttpHeaders; body: string };

async function subscriber(respond: (n: number) => number = () => 200) {
  const seen: Seen[] = [];
  const url = await peer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method!, headers: req.headers, body });
      // An echoing subscriber: whatever it was sent comes back in the response body.
      res.writeHead(respond(seen.length)).end(JSON.stringify(req.headers));
    });
  });
  return { url: `${url}/hooks`, seen };
}

async function deliverOne(tenantId: string, now = new Date()) {
  await emitEvent(tenantId, "integration.created", { id: "x" });
  const [due] = (await dispatchOutbox(now)).deliveries;
  return { due: due!, outcome: await deliverAttempt(due!.deliveryId, due!.attempt, { now, random: () => 0.5 }) };
}

const PASSWORD = "correct-horse-battery-staple";
const TOKEN = "tok_live_9f8e7d6c5b4a3f2e1d0c";
const HMAC_SECRET = "hmac-secret-0123456789abcdef";
const every = (s: string) => [s, Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url"), encodeURIComponent(s)];

describe("endpoint auth, method and retry policy", () => {
  it("sends Basic auth, Bearer auth and an HMAC body signature, and PUT when asked, on top of the Standard Webhooks signature", async () => {
    const owner = await ownerContext();
    const basic = await subscriber();
    const bearer = await subscriber();
    const hmac = await subscriber();
    await createEndpoint(owner, { url: basic.url, auth_type: "basic", auth_credentials: { username: "erp", password: PASSWORD } });
    await createEndpoint(owner, { url: bearer.url, auth_type: "bearer", auth_credentials: { token: TOKEN }, http_method: "PUT" });
    await createEndpoint(owner, { url: hmac.url, auth_type: "hmac", auth_credentials: { secret: HMAC_SECRET } });
    await emitEvent(owner.tenant.id, "integration.created", { id: "x" });
    for (const d of (await dispatchOutbox()).deliveries) await deliverAttempt(d.deliveryId, d.attempt);

    expect(basic.seen[0]!.method).toBe("POST");
    expect(basic.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`erp:${PASSWORD}`).toString("base64")}`);
    expect(bearer.seen[0]!.method).toBe("PUT");
    expect(bearer.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const request = hmac.seen[0]!;
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers["x-patchbay-signature"]).toBe(`sha256=${createHmac("sha256", HMAC_SECRET).update(request.body).digest("hex")}`);
    for (const sub of [basic, bearer, hmac]) expect(sub.seen[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
  });

  it("keeps the request headers of each attempt with no credential in any encoding, and never answers a credential", async () => {
    const owner = await ownerContext();
    const sub = await subscriber();
    const endpoint = await createEndpoint(owner, {
      url: sub.url,
      auth_type: "basic",
      auth_credentials: { username: "erp", password: PASSWORD },
      headers: { "X-Erp-Token": TOKEN },
    });
    const { due } = await deliverOne(owner.tenant.id);
    const detail = await getDelivery(owner, due.deliveryId);
    expect(detail.attempt_log[0]!.request_headers).toMatchObject({
      authorization: "Basic [redacted]",
      "X-Erp-Token": "[redacted]",
      "content-type": "application/json",
      "webhook-id": detail.webhook_id,
      "webhook-signature": sub.seen[0]!.headers["webhook-signature"],
    });
    const rows = JSON.stringify(await db().select().from(webhookAttempts));
    const answers = JSON.stringify([detail, endpoint, await getEndpoint(owner, endpoint.id), await listEndpoints(owner)]);
    for (const secret of [PASSWORD, TOKEN, `erp:${PASSWORD}`].flatMap(every)) {
      expect(rows).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
    expect(await getEndpoint(owner, endpoint.id)).toMatchObject({ auth_type: "basic", has_auth: true, auth_hint: "e…: ••••aple" });
    const [stored] = await db().select().from(webhookEndpoints);
    expect(stored!.authCredentials).toMatch(/^pbenc:/);
  });

  it("refuses credentials that do not fit the auth type, with a message on the field, and keeps stored ones on an edit without them", async () => {
    const owner = await ownerContext();
    const sub = await subscriber();
    await expect(createEndpoint(owner, { url: sub.url, auth_type: "basic", auth_credentials: { username: "erp" } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["auth_credentials", "password"], message: "Enter the password." })],
    });
    await expect(createEndpoint(owner, { url: sub.url, auth_type: "hmac", auth_credentials: { secret: "short" } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["auth_credentials", "secret"] })],
    });
    await expect(
      createEndpoint(owner, { url: sub.url, auth_type: "bearer", auth_credentials: { token: TOKEN }, headers: { Authorization: "x" } }),
    ).rejects.toMatchObject({ fields: { "headers.Authorization": expect.stringContaining("sets Authorization itself") } });
    await expect(createEndpoint(owner, { url: sub.url, http_method: "GET" as never })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["http_method"], message: "Choose POST or PUT." })],
    });

    const endpoint = await createEndpoint(owner, { url: sub.url, auth_type: "bearer", auth_credentials: { token: TOKEN } });
    await updateEndpoint(owner, endpoint.id, { auth_type: "bearer", description: "kept" });
    await expect(updateEndpoint(owner, endpoint.id, { auth_type: "basic" })).rejects.toMatchObject({
      fields: { "auth_credentials.username": "Enter the username.", "auth_credentials.password": "Enter the password." },
    });
    await deliverOne(owner.tenant.id);
    expect(sub.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await updateEndpoint(owner, endpoint.id, { auth_type: "none" })).toMatchObject({
      auth_type: "none",
      has_auth: false,
      auth_hint: null,
    });
  });

  it("retries as the endpoint's policy says: the first delay doubling, stopping after max retries; none when retries are off", async () => {
    const owner = await ownerContext();
    const sub = await subscriber(() => 500);
    const endpoint = await createEndpoint(owner, { url: sub.url, retry_policy: { max_retries: 3, first_delay_seconds: 10 } });
    expect(endpoint.retry_policy.schedule_seconds).toEqual([10, 20, 40]);
    let now = new Date();
    const { due, outcome: first } = await deliverOne(owner.tenant.id, now);
    const waits: number[] = [];
    let outcome = first;
    for (let attempt = 2; outcome.kind === "retrying"; attempt++) {
      waits.push((outcome.nextAttemptAt!.getTime() - now.getTime()) / 1000);
      now = outcome.nextAttemptAt!;
      outcome = await deliverAttempt(due.deliveryId, attempt, { now, random: () => 0.5 });
    }
    expect(waits).toEqual([10, 20, 40]);
    expect(outcome).toMatchObject({ kind: "failed", attempt: 4, nextAttemptAt: null });
    expect(sub.seen).toHaveLength(4);

    await updateEndpoint(owner, endpoint.id, { retry_policy: { enabled: false } });
    expect((await deliverOne(owner.tenant.id)).outcome).toMatchObject({ kind: "failed", attempt: 1, nextAttemptAt: null });
    await expect(updateEndpoint(owner, endpoint.id, { retry_policy: { max_retries: 99 } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["retry_policy", "max_retries"] })],
    });
  });

  it("counts deliveries and attempts per day for the endpoint's statistics", async () => {
    const owner = await ownerContext();
    let healthy = true;
    const sub = await subscriber(() => (healthy ? 200 : 500));
    const endpoint = await createEndpoint(owner, { url: sub.url, retry_policy: { enabled: false } });
    const now = new Date("2026-11-23T12:00:00Z");
    const yesterday = new Date("2026-11-22T12:00:00Z");
    await deliverOne(owner.tenant.id, yesterday);
    await deliverOne(owner.tenant.id, now);
    healthy = false;
    await deliverOne(owner.tenant.id, now);
    const stats = await endpointStats(owner, endpoint.id, now);
    expect(stats).toMatchObject({
      deliveries: { total: 3, succeeded: 2, failed: 1 },
      last_delivery: { at: now.toISOString(), status_code: 500 },
      attempts: 3,
      succeeded: 2,
    });
    expect(stats.daily.map((d) => d.day)).toEqual([
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
    ]);
    expect(stats.daily.slice(-2)).toEqual([
      { day: "2026-11-22", succeeded: 1, failed: 0 },
      { day: "2026-11-23", succeeded: 1, failed: 1 },
    ]);
  });
});
