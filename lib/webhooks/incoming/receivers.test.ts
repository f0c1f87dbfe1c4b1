import { sign as githubSign } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxEvents, webhookReceivers } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { createReceiver, listReceivedEvents, listReceivers, receiveWebhook, rotateReceiverUrl } from "./receivers";
import { REJECTION_TEXT } from "./signature";

const ORIGIN = "https://patchbay.example.com";
const stripe = new Stripe("sk_test_peer");
const STRIPE_SECRET = "whsec_stripe_plain_text_secret_42";
const STANDARD_SECRET = `whsec_${Buffer.from("standard-webhooks-secret-bytes!!").toString("base64")}`;
const GITHUB_SECRET = "octo-hook-secret";

async function receiverFor(
  scheme: "stripe" | "github" | "standard_webhooks" | "hmac_sha256",
  secret: string,
  extra: Record<string, string> = {},
) {
  const owner = await ownerContext();
  const integration = await createIntegration(owner, {
    name: `Provider ${crypto.randomUUID()}`,
    provider: "custom_rest",
    auth_type: "none",
    base_url: "https://api.example.com",
  });
  const receiver = await createReceiver(owner, integration.id, { scheme, secret, ...extra }, ORIGIN);
  const publicId = receiver.url.slice(`${ORIGIN}/api/hooks/`.length);
  return { owner, integration, receiver, publicId };
}

const rejectionsOf = async (owner: Awaited<ReturnType<typeof ownerContext>>, integrationId: string) =>
  Object.fromEntries((await listReceivers(owner, integrationId, ORIGIN))[0]!.rejections.map((r) => [r.reason, r.count]));

describe("incoming webhooks", () => {
  it("accepts a Stripe event signed by the stripe library, once, and rejects tampering, staleness and a wrong secret", async () => {
    const { owner, integration, publicId, receiver } = await receiverFor("stripe", STRIPE_SECRET);
    expect(receiver.url).toMatch(/^https:\/\/patchbay\.example\.com\/api\/hooks\/rcv_[A-Za-z0-9_-]{32}$/);
    const payload = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded", data: { object: { amount: 1200 } } });
    const headers = (body: string, opts: { secret?: string; timestamp?: number } = {}) =>
      new Headers({
        "stripe-signature": stripe.webhooks.generateTestHeaderString({
          payload: body,
          secret: opts.secret ?? STRIPE_SECRET,
          timestamp: opts.timestamp,
        }),
      });

    expect(await receiveWebhook(publicId, headers(payload), payload)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await receiveWebhook(publicId, headers(payload), payload)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await receiveWebhook(publicId, headers(payload), payload.replace("1200", "9900"))).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: REJECTION_TEXT.signature_mismatch } },
    });
    expect(await receiveWebhook(publicId, headers(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }), payload)).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: REJECTION_TEXT.stale_timestamp } },
    });
    expect(await receiveWebhook(publicId, headers(payload, { secret: "whsec_other" }), payload)).toMatchObject({ status: 401 });
    expect(await receiveWebhook(publicId, new Headers(), payload)).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: "Missing Stripe-Signature" } },
    });

    const events = await listReceivedEvents(owner, integration.id);
    expect(events.data).toEqual([
      expect.objectContaining({ provider_event_id: "evt_1", event_type: "payment_intent.succeeded", verified: true, payload }),
    ]);
    expect(await rejectionsOf(owner, integration.id)).toEqual({ signature_mismatch: 2, stale_timestamp: 1, missing_header: 1 });
    const handedOn = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.webhook_received"));
    expect(handedOn.map((e) => e.payload)).toEqual([
      expect.objectContaining({ integration_id: integration.id, event_type: "payment_intent.succeeded" }),
    ]);
  });

  it("accepts a Stripe header carrying several v1 signatures when one matches", async () => {
    const { publicId } = await receiverFor("stripe", STRIPE_SECRET);
    const payload = JSON.stringify({ id: "evt_2", type: "charge.refunded" });
    const genuine = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
    const other = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_rolled" }).split(",")[1];
    expect(
      await receiveWebhook(
        publicId,
        new Headers({ "stripe-signature": `${genuine.split(",")[0]},${other},${genuine.split(",")[1]}` }),
        payload,
      ),
    ).toMatchObject({ status: 200 });
  });

  it("accepts GitHub deliveries signed by @octokit/webhooks-methods and dedupes on X-GitHub-Delivery", async () => {
    const { owner, integration, publicId } = await receiverFor("github", GITHUB_SECRET);
    const body = JSON.stringify({ action: "opened", number: 7 });
    const headers = async (secret = GITHUB_SECRET, text = body, delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958") =>
      new Headers({
        "x-hub-signature-256": await githubSign(secret, text),
        "x-github-delivery": delivery,
        "x-github-event": "pull_request",
      });

    expect(await receiveWebhook(publicId, await headers(), body)).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await receiveWebhook(publicId, await headers(), body)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await receiveWebhook(publicId, await headers("wrong"), body)).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: REJECTION_TEXT.signature_mismatch } },
    });
    expect(await receiveWebhook(publicId, await headers(GITHUB_SECRET, body), `${body} `)).toMatchObject({ status: 401 });
    expect(await receiveWebhook(publicId, new Headers({ "x-hub-signature-256": "sha1=abc" }), body)).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: expect.stringMatching(/X-Hub-Signature-256 is not/) } },
    });
    const events = await listReceivedEvents(owner, integration.id);
    expect(events.data).toEqual([
      expect.objectContaining({ provider_event_id: "72d3162e-cc78-11e3-81ab-4c9367dc0958", event_type: "pull_request" }),
    ]);
  });

  it("accepts Standard Webhooks signed by the standardwebhooks library, with the whsec_ secret base64-decoded", async () => {
    const { owner, integration, publicId } = await receiverFor("standard_webhooks", STANDARD_SECRET);
    const wh = new Webhook(STANDARD_SECRET);
    const body = JSON.stringify({ type: "order.paid", data: { id: 1 } });
    const signed = (id: string, at: Date, secret = wh, text = body) =>
      new Headers({
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": secret.sign(id, at, text),
      });
    const now = new Date();
    expect(await receiveWebhook(publicId, signed("msg_1", now), body)).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await receiveWebhook(publicId, signed("msg_1", now), body)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await receiveWebhook(publicId, signed("msg_2", new Date(now.getTime() - 6 * 60_000)), body)).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized", message: REJECTION_TEXT.stale_timestamp } },
    });
    expect(
      await receiveWebhook(
        publicId,
        signed("msg_3", now, new Webhook(`whsec_${Buffer.from("another-secret-of-enough-bytes").toString("base64")}`)),
        body,
      ),
    ).toMatchObject({ status: 401, body: { error: { code: "unauthorized", message: REJECTION_TEXT.signature_mismatch } } });
    expect(await receiveWebhook(publicId, signed("msg_4", now), body.replace("1", "2"))).toMatchObject({ status: 401 });
    // A signature made with the secret's text instead of its decoded bytes is a different key.
    const textKeyed = new Webhook(Buffer.from(STANDARD_SECRET, "utf8"), { format: "raw" });
    expect(await receiveWebhook(publicId, signed("msg_5", now, textKeyed), body)).toMatchObject({ status: 401 });
    expect((await listReceivedEvents(owner, integration.id)).data).toEqual([
      expect.objectContaining({ provider_event_id: "msg_1", event_type: "order.paid" }),
    ]);
  });

  it("verifies a generic HMAC-SHA256 header in hex or base64", async () => {
    const { createHmac } = await import("node:crypto");
    const body = JSON.stringify({ event: "unit.sold", id: "u-1" });
    const mac = createHmac("sha256", "generic-secret").update(body).digest();
    const hex = await receiverFor("hmac_sha256", "generic-secret", { header: "X-Signature" });
    expect(await receiveWebhook(hex.publicId, new Headers({ "x-signature": mac.toString("hex") }), body)).toMatchObject({ status: 200 });
    expect(await receiveWebhook(hex.publicId, new Headers({ "x-signature": mac.toString("base64") }), body)).toMatchObject({ status: 401 });
    const b64 = await receiverFor("hmac_sha256", "generic-secret", { header: "X-Body-Signature", encoding: "base64" });
    expect(await receiveWebhook(b64.publicId, new Headers({ "x-body-signature": mac.toString("base64") }), body)).toMatchObject({
      status: 200,
    });
  });

  it("answers 404 for unknown or rotated-away receivers and 413 over 1 MB, storing nothing", async () => {
    const { owner, publicId, receiver, integration } = await receiverFor("github", GITHUB_SECRET);
    expect(await receiveWebhook("rcv_" + "A".repeat(32), new Headers(), "{}")).toMatchObject({ status: 404 });
    const big = JSON.stringify({ blob: "x".repeat(1024 * 1024) });
    expect(await receiveWebhook(publicId, new Headers({ "x-hub-signature-256": await githubSign(GITHUB_SECRET, big) }), big)).toMatchObject(
      { status: 413 },
    );
    const rotated = await rotateReceiverUrl(owner, receiver.id, ORIGIN);
    expect(rotated.url).not.toBe(receiver.url);
    expect(await receiveWebhook(publicId, new Headers(), "{}")).toMatchObject({ status: 404 });
    expect((await listReceivedEvents(owner, integration.id)).data).toEqual([]);
  });

  it("stores receiver secrets encrypted and never shows them", async () => {
    const { owner, integration } = await receiverFor("stripe", STRIPE_SECRET);
    const [row] = await db().select().from(webhookReceivers);
    expect(row!.secret).toMatch(/^pbenc:v1:/);
    expect(JSON.stringify(await listReceivers(owner, integration.id, ORIGIN))).not.toContain(STRIPE_SECRET);
  });

  it("refuses a Standard Webhooks secret that is not whsec_ and base64, and a generic receiver without a header", async () => {
    const owner = await ownerContext();
    const integration = await createIntegration(owner, {
      name: "P",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://api.example.com",
    });
    await expect(createReceiver(owner, integration.id, { scheme: "standard_webhooks", secret: "plain" }, ORIGIN)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["secret"] })],
    });
    await expect(createReceiver(owner, integration.id, { scheme: "hmac_sha256", secret: "s" }, ORIGIN)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["header"] })],
    });
  });
});
