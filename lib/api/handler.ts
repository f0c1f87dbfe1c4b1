import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { authenticateApiKey, type AuthenticatedKey } from "@/lib/api-keys";
import { consumeKeyLimits } from "@/lib/api-keys/limits";
import type { Scope } from "@/lib/api-keys/scopes";
import { clientIp } from "@/lib/http/client-ip";
import { hitLimit, rateLimitHeaders, type Limit, type LimitState } from "@/lib/rate-limit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withIdempotency } from "./idempotency";
import { keyContext } from "./key-context";
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
  errorResponse(401, "unauthorized", "A valid API key is required: Authorization: Bearer <key>.", undefined, {
    "WWW-Authenticate": 'Bearer realm="patchbay"',
  });

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
 * Wraps a `/api/v1` route handler: API-key authentication, the scope the route needs
 * (null: any valid key), the key's rate limits, then DESIGN §3's error bodies.
 */
export function apiRoute<P = Record<string, never>>(
  scope: Scope | null,
  handler: (req: Request, ctx: { key: AuthenticatedKey; tenant: TenantContext; params: P }) => Promise<Response | unknown>,
) {
  return async (req: Request, context: RouteContext<P>) => {
    try {
      const ip = clientIp(req.headers);
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      const check = match ? await authenticateApiKey(match[1]!, ip) : null;
      if (!check || (!check.ok && check.status === 401)) {
        // An address that keeps presenting bad keys is guessing; counting only failures keeps
        // this off the path of valid calls.
        const guessing = await hitLimit(`api:unauthenticated:${ip ?? "unknown"}`, UNAUTHENTICATED_PER_IP);
        return guessing.count > guessing.limit ? tooManyRequests({ ...guessing, remaining: 0 }) : UNAUTHORIZED();
      }
      if (!check.ok) return errorResponse(403, "forbidden", check.message);
      const { key } = check;
      if (scope && !key.scopes.includes(scope)) {
        return errorResponse(403, "forbidden", `This API key lacks the scope ${scope}.`, undefined);
      }
      const limit = await consumeKeyLimits(key);
      const headers = rateLimitHeaders(limit.state);
      if (!limit.allowed) return tooManyRequests(limit.state, "Rate limit exceeded for this API key; retry after the reset.");
      const params = await context.params;
      const respond = async () => {
        const result = await handler(req, { key, tenant: keyContext(key, ip), params });
        return result instanceof Response ? result : NextResponse.json(result, { headers });
      };
      const response = req.method === "POST" ? await withIdempotency(req, key.tenant.id, respond) : await respond();
      // JSON answers built above already carry them; a handler's own Response or a replay does not.
      if (!response.headers.has("RateLimit-Limit")) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return toErrorResponse(error, new URL(req.url).pathname);
    }
  };
}
