import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { Scope } from "@/lib/api-keys/scopes";
import { clientIp } from "@/lib/http/client-ip";
import { hitLimit, rateLimitHeaders, type Limit, type LimitState } from "@/lib/rate-limit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withIdempotency } from "./idempotency";
import { authenticate, principalContext, type Principal } from "./principal";
import { PRINCIPAL_RESOLVERS } from "./resolvers";
import { AppError, fieldErrorsOf, type ErrorCode } from "@/lib/errors";
import { logError } from "@/lib/log";

export function errorResponse(
  status: number,
  code: ErrorCode | "internal_error",
  message: string,
  fields?: Record<string, string>,
  headers?: HeadersInit,
) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

// One body for every way a key can be wrong, so a caller learns nothing about which keys exist.
const UNAUTHORIZED = () =>
  errorResponse(
    401,
    "unauthorized",
    "A valid API key or OAuth access token is required: Authorization: Bearer <key or token>.",
    undefined,
    {
      "WWW-Authenticate": 'Bearer realm="patchbay"',
    },
  );

export function toErrorResponse(error: unknown, route: string) {
  if (error instanceof ZodError) {
    return errorResponse(422, "validation_failed", "The request body is not valid.", fieldErrorsOf(error.issues));
  }
  if (error instanceof AppError) {
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return errorResponse(error.status, error.code, error.message, error.fields, headers);
  }
  logError("api route failed", error, { route });
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}

type RouteContext<P> = { params: Promise<P> };

export const UNAUTHENTICATED_PER_IP: Limit = { limit: 60, windowSeconds: 60 };

function tooManyRequests(
  state: LimitState,
  message = "Too many requests without a valid API key from this address; retry after the reset.",
) {
  const headers = rateLimitHeaders(state);
  return errorResponse(429, "rate_limited", message, undefined, { ...headers, "Retry-After": headers["RateLimit-Reset"]! });
}

/**
 * Wraps a `/api/v1` route handler: authentication (authenticate: whichever resolver recognises the
 * bearer token), the scope the route needs (null: any valid principal), the principal's rate
 * limits, then DESIGN §3's error bodies.
 */
export function apiRoute<P = Record<string, never>>(
  scope: Scope | null,
  handler: (req: Request, ctx: { principal: Principal; tenant: TenantContext; params: P }) => Promise<Response | unknown>,
) {
  return async (req: Request, context: RouteContext<P>) => {
    try {
      const ip = clientIp(req.headers);
      const auth = await authenticate(req, ip, PRINCIPAL_RESOLVERS);
      if (auth.outcome === "invalid") {
        // An address that keeps presenting bad credentials is guessing; counting only failures keeps
        // this off the path of valid calls.
        const guessing = await hitLimit(`api:unauthenticated:${ip ?? "unknown"}`, UNAUTHENTICATED_PER_IP);
        return guessing.count > guessing.limit ? tooManyRequests({ ...guessing, remaining: 0 }) : UNAUTHORIZED();
      }
      if (auth.outcome === "refused") return errorResponse(403, "forbidden", auth.message);
      const { principal } = auth;
      if (scope && !principal.scopes.includes(scope)) {
        if (principal.credential.type === "api_key") return errorResponse(403, "forbidden", `This API key lacks the scope ${scope}.`);
        // RFC 6750 §3.1: an OAuth client learns which scope to ask for.
        return errorResponse(403, "forbidden", `This access token lacks the scope ${scope}.`, undefined, {
          "WWW-Authenticate": `Bearer realm="patchbay", error="insufficient_scope", scope="${scope}"`,
        });
      }
      if (scope) auth.noteScope?.(scope);
      const limit = await auth.consumeLimits();
      const headers = rateLimitHeaders(limit.state);
      if (!limit.allowed)
        return tooManyRequests(
          limit.state,
          `Rate limit exceeded for this ${principal.credential.type === "api_key" ? "API key" : "OAuth client"}; retry after the reset.`,
        );
      const params = await context.params;
      const respond = async () => {
        const result = await handler(req, { principal, tenant: principalContext(principal), params });
        return result instanceof Response ? result : NextResponse.json(result, { headers });
      };
      const response = req.method === "POST" ? await withIdempotency(req, principal.tenant.id, respond) : await respond();
      // JSON answers built above already carry them; a handler's own Response or a replay does not.
      if (!response.headers.has("RateLimit-Limit")) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return toErrorResponse(error, new URL(req.url).pathname);
    }
  };
}
