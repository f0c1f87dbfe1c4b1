import { NextResponse, type NextRequest } from "next/server";
import { limitPublicRequest, PUBLIC_LIMIT_MESSAGE } from "@/lib/rate-limit/public";

// Pages anyone may load without signing in; API routes hold their own limits.
const PUBLIC_PAGES = /^\/(docs|login|setup)(\/|$)/;

/**
 * A fresh nonce per request lets Next.js's own inline scripts run while the policy refuses
 * every other inline or injected script; `unsafe-eval` is only there for the dev server's HMR.
 */
export async function proxy(request: NextRequest) {
  const limited = PUBLIC_PAGES.test(request.nextUrl.pathname) ? await limitPublicRequest(request.headers) : null;
  if (limited && !limited.allowed) {
    return new NextResponse(PUBLIC_LIMIT_MESSAGE, {
      status: 429,
      headers: { ...limited.headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets a signed-out visitor be sent back to the page they asked for after signing in.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(limited?.headers ?? {})) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/).*)" }],
};
