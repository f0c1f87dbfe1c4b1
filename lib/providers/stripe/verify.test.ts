import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { verifyIncoming } from "@/lib/webhooks/incoming/verify";

const SECRET = "whsec_stripe_plain_text_secret_42";
const NOW = new Date("2026-11-23T08:00:00Z");
const AT = Math.floor(NOW.getTime() / 1000);
const stripe = new Stripe("sk_test_peer");
const settings = { scheme: "stripe" as const, secret: SECRET, header: null, encoding: "hex" as const };
const payload = JSON.stringify({ id: "evt_1", type: "invoice.paid", data: { object: { amount_paid: 1200 } } });

const signed = (body: string, opts: { secret?: string; timestamp?: number } = {}) =>
  new Headers({
    "stripe-signature": stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: opts.secret ?? SECRET,
      timestamp: opts.timestamp ?? AT,
    }),
  });

describe("stripe scheme", () => {
  it("accepts an event signed by the stripe library, named by its id and type", () => {
    expect(verifyIncoming(settings, signed(payload), payload, NOW)).toEqual({ ok: true, eventId: "evt_1", eventType: "invoice.paid" });
  });

  it("refuses an altered body, a wrong secret, a signature older than five minutes and a missing or malformed header", () => {
    expect(verifyIncoming(settings, signed(payload), payload.replace("1200", "9900"), NOW)).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming(settings, signed(payload, { secret: "whsec_other" }), payload, NOW)).toMatchObject({
      reason: "signature_mismatch",
    });
    expect(verifyIncoming(settings, signed(payload, { timestamp: AT - 301 }), payload, NOW)).toMatchObject({ reason: "stale_timestamp" });
    expect(verifyIncoming(settings, new Headers(), payload, NOW)).toMatchObject({ reason: "missing_header" });
    expect(verifyIncoming(settings, new Headers({ "stripe-signature": "v1=abc" }), payload, NOW)).toMatchObject({
      reason: "malformed_header",
    });
  });
});
