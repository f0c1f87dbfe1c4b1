import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ReceiverScheme } from "../schema";

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type RejectionReason = "missing_header" | "malformed_header" | "stale_timestamp" | "signature_mismatch" | "wrong_secret_format";

export const REJECTION_TEXT: Record<RejectionReason, string> = {
  missing_header: "Missing signature header",
  malformed_header: "Signature header not in the expected format",
  stale_timestamp: "Timestamp outside the 5-minute tolerance",
  signature_mismatch: "Signature does not match (wrong secret or altered body)",
  wrong_secret_format: "Secret is not in the format this scheme needs",
};

export type ReceiverSettings = { scheme: ReceiverScheme; secret: string; header: string | null; encoding: "hex" | "base64" };

export type Verification = { ok: true; eventId: string; eventType: string | null } | { ok: false; reason: RejectionReason; detail: string };

const reject = (reason: RejectionReason, detail: string = REJECTION_TEXT[reason]): Verification => ({ ok: false, reason, detail });

/** Equal length first: timingSafeEqual throws otherwise, and lengths of a MAC are public anyway. */
function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function jsonField(body: string, field: string): string | null {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)?.[field];
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

function staleTimestamp(seconds: number, now: Date): boolean {
  return !Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS;
}

const sha256 = (body: string) => createHash("sha256").update(body, "utf8").digest("hex");

function standardWebhooks(secret: string, headers: Headers, body: string, now: Date): Verification {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestamp || !signatures) return reject("missing_header", "Missing webhook-id, webhook-timestamp or webhook-signature");
  if (!/^\d+$/.test(timestamp)) return reject("malformed_header", "webhook-timestamp is not a number of seconds");
  if (staleTimestamp(Number(timestamp), now)) return reject("stale_timestamp");
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return reject("wrong_secret_format", "The secret must be whsec_ followed by base64");
  const expected = hmac(Buffer.from(secret.slice(6), "base64"), `${id}.${timestamp}.${body}`);
  const candidates = signatures.split(" ").filter((s) => s.startsWith("v1,"));
  if (candidates.length === 0) return reject("malformed_header", "webhook-signature has no v1 signature");
  if (!candidates.some((c) => safeEqual(Buffer.from(c.slice(3), "base64"), expected))) return reject("signature_mismatch");
  return { ok: true, eventId: id, eventType: jsonField(body, "type") };
}

// Stripe signs with the whole `whsec_…` string as UTF-8 key bytes, unlike Standard Webhooks.
function stripe(secret: string, headers: Headers, body: string, now: Date): Verification {
  const header = headers.get("stripe-signature");
  if (!header) return reject("missing_header", "Missing Stripe-Signature");
  const parts = header.split(",").map((p) => p.trim().split("=") as [string, string | undefined]);
  const timestamp = parts.find(([k]) => k === "t")?.[1];
  const v1 = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v!);
  if (!timestamp || !/^\d+$/.test(timestamp) || v1.length === 0) return reject("malformed_header", "Stripe-Signature lacks t= or v1=");
  if (staleTimestamp(Number(timestamp), now)) return reject("stale_timestamp");
  const expected = hmac(secret, `${timestamp}.${body}`);
  if (!v1.some((s) => /^[0-9a-f]+$/i.test(s) && safeEqual(Buffer.from(s, "hex"), expected))) return reject("signature_mismatch");
  return { ok: true, eventId: jsonField(body, "id") ?? sha256(body), eventType: jsonField(body, "type") };
}

function github(secret: string, headers: Headers, body: string): Verification {
  const header = headers.get("x-hub-signature-256");
  if (!header) return reject("missing_header", "Missing X-Hub-Signature-256");
  if (!/^sha256=[0-9a-f]{64}$/i.test(header)) return reject("malformed_header", "X-Hub-Signature-256 is not sha256=<hex>");
  if (!safeEqual(Buffer.from(header.slice(7), "hex"), hmac(secret, body))) return reject("signature_mismatch");
  return { ok: true, eventId: headers.get("x-github-delivery") ?? sha256(body), eventType: headers.get("x-github-event") };
}

function genericHmac(settings: ReceiverSettings, headers: Headers, body: string): Verification {
  const name = settings.header ?? "x-signature";
  const raw = headers.get(name)?.trim();
  if (!raw) return reject("missing_header", `Missing ${name}`);
  // Senders commonly prefix the algorithm, as GitHub does.
  const value = raw.replace(/^sha256=/i, "");
  const pattern = settings.encoding === "hex" ? /^[0-9a-f]+$/i : /^[A-Za-z0-9+/_-]+={0,2}$/;
  if (!pattern.test(value)) return reject("malformed_header", `${name} is not ${settings.encoding}`);
  const given = Buffer.from(value, settings.encoding === "hex" ? "hex" : "base64");
  if (!safeEqual(given, hmac(settings.secret, body))) return reject("signature_mismatch");
  // No standard event id: identical bodies are the same event.
  return { ok: true, eventId: jsonField(body, "id") ?? sha256(body), eventType: jsonField(body, "type") ?? jsonField(body, "event") };
}

/** Checks a request against the receiver's scheme, on the raw body exactly as it arrived. */
export function verifyIncoming(settings: ReceiverSettings, headers: Headers, body: string, now = new Date()): Verification {
  switch (settings.scheme) {
    case "standard_webhooks":
      return standardWebhooks(settings.secret, headers, body, now);
    case "stripe":
      return stripe(settings.secret, headers, body, now);
    case "github":
      return github(settings.secret, headers, body);
    case "hmac_sha256":
      return genericHmac(settings, headers, body);
  }
}
