import type { z } from "zod";
import { createApiKeySchema, rotateApiKeySchema, updateApiKeySchema } from "@/lib/api-keys/schema";
import type { Scope } from "@/lib/api-keys/scopes";
import { apiKeyCreatedSchema, apiKeyListSchema, apiKeyRotatedSchema, apiKeySchema, meSchema } from "./responses";

export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Relative to /api/v1, with {param} placeholders as the route folders have [param]. */
  path: string;
  summary: string;
  description?: string;
  /** The reference's group; by default from the path (lib/api/openapi/document.ts `tagOf`). */
  tag?: string;
  scope: Scope | null;
  /** False only for the document itself. */
  authenticated?: boolean;
  body?: { schema: z.ZodType; example: unknown };
  /** Query parameters, from the list schema the route parses them with. */
  query?: z.ZodObject;
  success: { status: number; description: string; schema?: z.ZodType; example?: unknown };
  errors: number[];
  /** A multipart/form-data body (a file upload) instead of JSON: its parts as JSON Schema properties. */
  multipart?: { properties: Record<string, Record<string, unknown>>; required: string[] };
  /** Media types of a file the success response carries instead of JSON. */
  produces?: string[];
  /** Path parameters that are not ids, with their own schema. */
  pathParams?: Record<string, Record<string, unknown>>;
};

const KEY_ID = "3f1c2b9e-8a53-4f7e-9a0d-2b7c5d1e6f40";
const example = {
  key: {
    id: KEY_ID,
    name: "Deploy pipeline",
    notes: "GitHub Actions deploy job; ask the platform team before revoking.",
    prefix: "pb_live_4Fq9TbX2",
    mode: "live",
    state: "active",
    scopes: ["integrations:read"],
    ip_allowlist: [],
    rate_limit_per_minute: 600,
    rate_limit_per_hour: 20000,
    rotation_frequency_days: 90,
    rotation_due: false,
    total_requests: 1280,
    created_at: "2026-11-01T09:00:00.000Z",
    last_used_at: "2026-11-23T08:59:12.000Z",
    last_used_ip: "203.0.113.7",
    expires_at: null,
    revoked_at: null,
  },
  secret: "pb_live_4Fq9TbX2mR7wKcP1sZ8vN3yD6hJ0aLqE5u9GxT",
};

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/openapi.json",
    summary: "This OpenAPI document",
    scope: null,
    authenticated: false,
    description: "Needs no key; limited per client address.",
    success: { status: 200, description: "The OpenAPI 3.1 document describing /api/v1." },
    errors: [429],
  },
  {
    method: "get",
    path: "/me",
    summary: "Check a key",
    description: "Answers the organisation and the key the request authenticated with.",
    scope: null,
    success: {
      status: 200,
      description: "The key's organisation and name.",
      schema: meSchema,
      example: {
        tenant: { id: "9d0f6c1a-0b7e-4c59-8a3e-5f2d1c7b6a90", slug: "acme", name: "Acme Corp" },
        api_key: { id: KEY_ID, name: "Deploy pipeline", prefix: "pb_live_4Fq9TbX2" },
      },
    },
    errors: [401, 403, 429],
  },
  {
    method: "get",
    path: "/api-keys",
    summary: "List API keys",
    scope: "api_keys:write",
    success: {
      status: 200,
      description: "Every key of the organisation, newest first.",
      schema: apiKeyListSchema,
      example: { data: [example.key], next_cursor: null },
    },
    errors: [401, 403, 429],
  },
  {
    method: "post",
    path: "/api-keys",
    summary: "Create an API key",
    description: "The response holds the secret key once; only its prefix and a hash are stored.",
    scope: "api_keys:write",
    body: {
      schema: createApiKeySchema,
      example: {
        name: "Deploy pipeline",
        mode: "live",
        scopes: ["integrations:read"],
        expires_on: "2027-06-30",
        ip_allowlist: "203.0.113.0/24",
        rate_limit_per_minute: 600,
        rate_limit_per_hour: 20000,
      },
    },
    success: {
      status: 201,
      description: "The new key, shown once.",
      schema: apiKeyCreatedSchema,
      example: {
        id: KEY_ID,
        name: "Deploy pipeline",
        prefix: "pb_live_4Fq9TbX2",
        mode: "live",
        key: example.secret,
        expires_at: "2027-06-30T23:59:59.999Z",
      },
    },
    errors: [400, 401, 403, 409, 422, 429],
  },
  {
    method: "get",
    path: "/api-keys/{id}",
    summary: "Get an API key",
    scope: "api_keys:write",
    success: { status: 200, description: "The key, without its secret.", schema: apiKeySchema, example: example.key },
    errors: [401, 403, 404, 429],
  },
  {
    method: "patch",
    path: "/api-keys/{id}",
    summary: "Change an API key",
    description:
      "Changes any of name, notes, scopes, limits, IP allowlist and rotation period; takes effect at once on every instance. The mode is part of the key and cannot change.",
    scope: "api_keys:write",
    body: {
      schema: updateApiKeySchema,
      example: { notes: "Deploy job; rotate quarterly.", scopes: ["integrations:read", "webhooks:read"], rotation_frequency_days: 90 },
    },
    success: { status: 200, description: "The key as changed.", schema: apiKeySchema, example: example.key },
    errors: [400, 401, 403, 404, 422, 429],
  },
  {
    method: "delete",
    path: "/api-keys/{id}",
    summary: "Revoke an API key",
    description: "Takes effect at once.",
    scope: "api_keys:write",
    success: { status: 204, description: "Revoked." },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "post",
    path: "/api-keys/{id}/rotate",
    summary: "Rotate an API key",
    description:
      "Issues a new key with the same scopes, limits and expiry; the old one stays valid for the grace period (never past its own expiry).",
    scope: "api_keys:write",
    body: { schema: rotateApiKeySchema.omit({ id: true }), example: { grace_period_hours: 24 } },
    success: {
      status: 201,
      description: "The new key, shown once.",
      schema: apiKeyRotatedSchema,
      example: {
        id: KEY_ID,
        name: "Deploy pipeline",
        prefix: "pb_live_8sLm2QwE",
        mode: "live",
        key: example.secret,
        expires_at: null,
        old_key_valid_until: "2026-11-24T09:00:00.000Z",
      },
    },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
];
