import { hmac, reject, safeEqual, sha256, type Verifier } from "@/lib/webhooks/incoming/signature";

export const verifyGitHub: Verifier = ({ secret }, headers, body) => {
  const header = headers.get("x-hub-signature-256");
  if (!header) return reject("missing_header", "Missing X-Hub-Signature-256");
  if (!/^sha256=[0-9a-f]{64}$/i.test(header)) return reject("malformed_header", "X-Hub-Signature-256 is not sha256=<hex>");
  if (!safeEqual(Buffer.from(header.slice(7), "hex"), hmac(secret, body))) return reject("signature_mismatch");
  return { ok: true, eventId: headers.get("x-github-delivery") ?? sha256(body), eventType: headers.get("x-github-event") };
};
