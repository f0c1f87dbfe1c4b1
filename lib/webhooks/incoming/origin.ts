import { env } from "@/lib/env";

/** Where providers reach this instance: the forwarded host and scheme only behind a trusted proxy. */
export function requestOrigin(headers: Headers): string {
  const trusted = env().trustProxy;
  const host = (trusted && headers.get("x-forwarded-host")) || headers.get("host") || "localhost";
  const proto = (trusted && headers.get("x-forwarded-proto")?.split(",")[0]?.trim()) || (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  return `${proto}://${host}`;
}
