import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyIncoming } from "./verify";

const NOW = new Date("2026-11-23T08:00:00Z");

describe("standard_webhooks scheme", () => {
  const secret = `whsec_${Buffer.from("standard-webhooks-secret-bytes!!").toString("base64")}`;
  const settings = { scheme: "standard_webhooks" as const, secret, header: null, encoding: "hex" as const };
  const payload = JSON.stringify({ type: "invoice.created", data: { id: "inv_1" } });
  const signed = (at: Date, key = secret) =>
    new Headers({
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(key).sign("msg_1", at, payload),
    });

  it("accepts a message signed by the standardwebhooks library, named by webhook-id", () => {
    expect(verifyIncoming(settings, signed(NOW), payload, NOW)).toEqual({ ok: true, eventId: "msg_1", eventType: "invoice.created" });
  });

  it("refuses an altered body, another key, a stale timestamp and a secret that is not whsec_ base64", () => {
    const other = `whsec_${Buffer.from("another-secret-of-32-bytes-long!").toString("base64")}`;
    expect(verifyIncoming(settings, signed(NOW), payload.replace("inv_1", "inv_2"), NOW)).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming(settings, signed(NOW, other), payload, NOW)).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming(settings, signed(new Date(NOW.getTime() - 301_000)), payload, NOW)).toMatchObject({ reason: "stale_timestamp" });
    expect(verifyIncoming({ ...settings, secret: "plain" }, signed(NOW), payload, NOW)).toMatchObject({ reason: "wrong_secret_format" });
  });
});

describe("hmac_sha256 scheme", () => {
  const secret = "generic-secret";
  const payload = JSON.stringify({ id: "e-9", event: "stock.low" });
  const mac = createHmac("sha256", secret).update(payload).digest();

  it("accepts the hex or base64 HMAC of the raw body in the named header, with or without a sha256= prefix", () => {
    const hex = { scheme: "hmac_sha256" as const, secret, header: "X-Signature", encoding: "hex" as const };
    const b64 = { ...hex, header: "X-Body-Signature", encoding: "base64" as const };
    const accepted = { ok: true, eventId: "e-9", eventType: "stock.low" };
    expect(verifyIncoming(hex, new Headers({ "x-signature": mac.toString("hex") }), payload)).toEqual(accepted);
    expect(verifyIncoming(hex, new Headers({ "x-signature": `sha256=${mac.toString("hex")}` }), payload)).toEqual(accepted);
    expect(verifyIncoming(b64, new Headers({ "x-body-signature": mac.toString("base64") }), payload)).toEqual(accepted);
  });

  it("refuses an altered body, a value not in the encoding and a missing header", () => {
    const hex = { scheme: "hmac_sha256" as const, secret, header: "X-Signature", encoding: "hex" as const };
    const headers = new Headers({ "x-signature": mac.toString("hex") });
    expect(verifyIncoming(hex, headers, payload.replace("e-9", "e-8"))).toMatchObject({ reason: "signature_mismatch" });
    expect(verifyIncoming(hex, new Headers({ "x-signature": "not hex!" }), payload)).toMatchObject({ reason: "malformed_header" });
    expect(verifyIncoming(hex, new Headers(), payload)).toMatchObject({ reason: "missing_header", detail: "Missing X-Signature" });
  });
});
