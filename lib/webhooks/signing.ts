import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 24;

/** A Standard Webhooks secret: `whsec_` and the base64 of random bytes. */
export function generateEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per the Standard Webhooks specification. */
export function signature(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret)).update(`${webhookId}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/**
 * The three Standard Webhooks headers. During a secret rotation both secrets sign, space-separated,
 * so a subscriber verifies with whichever one it has.
 */
export function signedHeaders(secrets: string[], webhookId: string, now: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => signature(s, webhookId, timestamp, body)).join(" "),
  };
}

/** The `auth_type: "hmac"` header value: `sha256=` and the hex HMAC-SHA256 of the raw body under the endpoint's HMAC secret. */
export function bodySignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}
