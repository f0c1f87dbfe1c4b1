import { env } from "@/lib/env";

/**
 * The origin the browser used to reach Patchbay: PATCHBAY_PUBLIC_URL when set; else the Host
 * header, with the scheme a trusted proxy reports (TLS usually ends at the proxy).
 */
export function requestOrigin(headers: Headers): string {
  const { publicUrl, trustProxy } = env();
  if (publicUrl) return publicUrl;
  const forwardedHost = trustProxy ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || headers.get("host") || "localhost";
  const forwardedProto = trustProxy ? headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
