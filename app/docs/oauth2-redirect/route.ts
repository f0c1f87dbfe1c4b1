import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Swagger UI's own redirect handler for its OAuth2 "Authorize" popup; inlined with the request's
// nonce, since the page's CSP ('strict-dynamic') runs nonce-bearing scripts only.
let script: string | null = null;
const redirectScript = () =>
  (script ??= readFileSync(createRequire(import.meta.url).resolve("swagger-ui-dist/oauth2-redirect.js"), "utf8"));

/** Where /docs's "Authorize" sends the browser back with the code; register this URL on the app used to try the API. */
export function GET(req: Request) {
  const nonce = req.headers.get("x-nonce") ?? "";
  const html = `<!doctype html><html lang="en"><head><title>Signing in to the API reference</title></head><body><script nonce="${nonce.replace(/[^A-Za-z0-9+/=]/g, "")}">${redirectScript()}</script></body></html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
