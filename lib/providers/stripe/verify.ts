import { hmac, jsonField, reject, safeEqual, sha256, staleTimestamp, type Verifier } from "@/lib/webhooks/incoming/signature";

// Stripe signs with the whole `whsec_…` string as UTF-8 key bytes, unlike Standard Webhooks.
export const verifyStripe: Verifier = ({ secret }, headers, body, now) => {
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
};
