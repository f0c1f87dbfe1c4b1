import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { authenticateApiKey, type AuthenticatedKey } from "@/lib/api-keys";
import { AppError, fieldErrorsOf, type ErrorCode } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";
import type { TenantContext } from "@/lib/tenancy/context";

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

/** An API key acts in its tenant as an admin: it can change integrations, never members or keys. */
export function apiKeyContext(key: AuthenticatedKey, req: Request): TenantContext {
  return {
    tenant: key.tenant,
    role: "admin",
    actor: { type: "api_key", id: key.keyId, label: `${key.keyName} (${key.prefix})`, ip: clientIp(req.headers) },
  };
}

/** The JSON body; a body that is not JSON is a 400, while JSON of the wrong shape is left to the zod schema (422). */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** The query string as a plain object, for a list schema to parse. */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

/** Wraps a `/api/v1` route handler: API-key authentication, then DESIGN §3's error bodies. */
export function apiRoute<P = Record<string, never>>(
  handler: (req: Request, ctx: { key: AuthenticatedKey; tenant: TenantContext; params: P }) => Promise<Response | unknown>,
) {
  return async (req: Request, context: RouteContext<P>) => {
    const route = new URL(req.url).pathname;
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      const key = match ? await authenticateApiKey(match[1]!) : null;
      if (!key) return UNAUTHORIZED();
      const result = await handler(req, { key, tenant: apiKeyContext(key, req), params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return toErrorResponse(error, route);
    }
  };
}
