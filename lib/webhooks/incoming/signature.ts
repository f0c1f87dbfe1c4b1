import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ReceiverScheme } from "./schemes";

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

/** One scheme's check of a request, on the raw body exactly as it arrived. */
export type Verifier = (settings: ReceiverSettings, headers: Headers, body: string, now: Date) => Verification;

export const reject = (reason: RejectionReason, detail: string = REJECTION_TEXT[reason]): Verification => ({ ok: false, reason, detail });

/** Equal length first: timingSafeEqual throws otherwise, and lengths of a MAC are public anyway. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export function jsonField(body: string, field: string): string | null {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)?.[field];
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

export function staleTimestamp(seconds: number, now: Date): boolean {
  return !Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS;
}

export const sha256 = (body: string) => createHash("sha256").update(body, "utf8").digest("hex");
