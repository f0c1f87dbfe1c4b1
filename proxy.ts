import { NextResponse, type NextRequest } from "next/server";
import { limitPublicRequest, PUBLIC_LIMIT_MESSAGE } from "@/lib/rate-limit/public";

// Pages anyone may load without signing in; API routes hold their own limits.
const PUBLIC_PAGES = /^\/(docs|login|setup|invite|reset-password)(\/|$)/;
// No route lives here (app/ has no dynamic segment at its root), so a rewrite to it renders app/not-found.tsx with a 404.
const NOT_FOUND_PATH = "/_not-a-page";

/**
 * Next.js answers a path it cannot percent-decode with a bare text/plain 500 (its route matcher
 * throws while decoding params and there is no /400 page to fall back on), and a decoded NUL
 * would reach the database as a tenant slug: such paths stop here.
 */
function undecodablePath(pathname: string): boolean {
  try {
    return decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return true;
  }
}

/**
 * A fresh nonce per request lets Next.js's own inline scripts run while the policy refuses
 * every other inline or injected script; `unsafe-eval` is only there for the dev server's HMR.
 */
export async function proxy(request: NextRequest) {
  if (undecodablePath(request.nextUrl.pathname)) {
    if (!request.nextUrl.pathname.startsWith("/api/")) {
      // nextUrl keeps the origin Next.js sees, so this stays an internal rewrite rather than a proxied fetch.
      const notFound = request.nextUrl.clone();
      notFound.pathname = NOT_FOUND_PATH;
      notFound.search = "";
      return NextResponse.rewrite(notFound);
    }
    return NextResponse.json(
      { error: { code: "bad_request", message: "The request path is not valid percent-encoded UTF-8." } },
      { status: 400 },
    );
  }
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
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
  // API routes only when the path holds a percent sign: the only thing the proxy checks for them.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/).*)" }, { source: "/(api/.*%.*)" }],
};
