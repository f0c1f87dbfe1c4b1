import { NextResponse } from "next/server";
import { UNAUTHENTICATED_PER_IP } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-json";
import { isStorableText } from "@/lib/api/storable-text";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";
import { hitLimit } from "@/lib/rate-limit";
import { invalidRequest, OAuthError } from "./errors";
import type { TokenRequest } from "./server";

const MAX_FORM_BYTES = 16 * 1024;

// RFC 6749 §5.1: token responses must not be cached anywhere.
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

async function readTokenRequest(req: Request): Promise<TokenRequest> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw invalidRequest("Send the parameters as application/x-www-form-urlencoded.");
  let text: string;
  try {
    text = await readBodyText(req, MAX_FORM_BYTES);
  } catch (error) {
    if (error instanceof AppError) throw invalidRequest("The request body is larger than 16 KB.");
    throw error;
  }
  const params = new URLSearchParams(text);
  for (const [name, value] of params) {
    if (!isStorableText(name) || !isStorableText(value)) throw invalidRequest("Parameters must not contain NUL or unpaired surrogates.");
  }
  return { params, authorization: req.headers.get("authorization") };
}

/**
 * The token, revoke and introspect endpoints: form in, JSON out, errors as RFC 6749 §5.2.
 * An address that keeps failing client authentication is guessing secrets and is slowed down.
 */
export function oauthEndpoint(handle: (request: TokenRequest, req: Request) => Promise<Response>) {
  return async (req: Request) => {
    try {
      return await handle(await readTokenRequest(req), req);
    } catch (error) {
      if (!(error instanceof OAuthError)) {
        logError("OAuth endpoint failed", error, { route: new URL(req.url).pathname });
        return oauthJson({ error: "server_error", error_description: "Something went wrong on our side." }, 500);
      }
      if (error.error === "invalid_client") {
        const guessing = await hitLimit(`oauth:invalid-client:${clientIp(req.headers) ?? "unknown"}`, UNAUTHENTICATED_PER_IP);
        if (guessing.count > guessing.limit) {
          return oauthJson({ error: "temporarily_unavailable", error_description: "Too many failed client authentications." }, 429, {
            "Retry-After": String(Math.max(1, Math.ceil((guessing.resetAt.getTime() - Date.now()) / 1000))),
          });
        }
        return oauthJson({ error: error.error, error_description: error.description }, 401, {
          "WWW-Authenticate": 'Basic realm="patchbay"',
        });
      }
      return oauthJson({ error: error.error, error_description: error.description }, error.status);
    }
  };
}
