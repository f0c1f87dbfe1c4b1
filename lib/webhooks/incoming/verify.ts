import { verifyGitHub } from "@/lib/providers/github/verify";
import { verifyStripe } from "@/lib/providers/stripe/verify";
import type { ReceiverScheme } from "./schemes";
import {
  hmac,
  jsonField,
  reject,
  safeEqual,
  sha256,
  staleTimestamp,
  type ReceiverSettings,
  type Verification,
  type Verifier,
} from "./signature";

const standardWebhooks: Verifier = ({ secret }, headers, body, now) => {
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
};

const genericHmac: Verifier = (settings, headers, body) => {
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
};

/** The check for each scheme of `schemes.ts`; a scheme without one does not compile. */
const VERIFIERS: Record<ReceiverScheme, Verifier> = {
  standard_webhooks: standardWebhooks,
  stripe: verifyStripe,
  github: verifyGitHub,
  hmac_sha256: genericHmac,
};

/** Checks a request against the receiver's scheme, on the raw body exactly as it arrived. */
export function verifyIncoming(settings: ReceiverSettings, headers: Headers, body: string, now = new Date()): Verification {
  return VERIFIERS[settings.scheme](settings, headers, body, now);
}
