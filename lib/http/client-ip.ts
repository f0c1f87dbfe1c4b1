import { env } from "@/lib/env";

/**
 * The caller's address for rate limits and audit. Next.js fills X-Forwarded-For with the
 * socket address when the request has none; behind a trusted proxy the first entry is the
 * client, otherwise the last entry is the hop that reached us.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return headers.get("x-real-ip");
  const hops = forwarded
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return (env().trustProxy ? hops[0] : hops.at(-1)) ?? null;
}
