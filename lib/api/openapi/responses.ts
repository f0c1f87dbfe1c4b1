import { z } from "zod";
import { SCOPES } from "@/lib/api-keys/scopes";

// Response shapes the routes answer with; documented here once, next to their examples.
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export const meSchema = z.object({
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  // One of the two, by what the request authenticated with.
  api_key: z.object({ id: z.uuid(), name: z.string(), prefix: z.string() }).optional(),
  oauth_client: z.object({ id: z.uuid(), client_id: z.string(), name: z.string(), consented_by: z.string().nullable() }).optional(),
});

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  notes: z.string(),
  prefix: z.string(),
  mode: z.enum(["live", "test"]).describe("test keys (pb_test_…) see and change sandbox integrations only"),
  state: z.enum(["active", "expiring_soon", "expired", "revoked", "rotating"]),
  scopes: z.array(z.enum(SCOPES)),
  ip_allowlist: z.array(z.string()),
  rate_limit_per_minute: z.int(),
  rate_limit_per_hour: z.int(),
  rotation_frequency_days: z.int().nullable().describe("days after creation by which the key should be rotated"),
  rotation_due: z.boolean().describe("the key is older than its rotation period"),
  total_requests: z.int(),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
  last_used_ip: z.string().nullable(),
  expires_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema), next_cursor: z.string().nullable() });

export const apiKeyCreatedSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  mode: z.enum(["live", "test"]),
  key: z.string().describe("The secret key. Shown in this response only; store it now."),
  expires_at: z.iso.datetime().nullable(),
});

export const apiKeyRotatedSchema = apiKeyCreatedSchema.extend({ old_key_valid_until: z.iso.datetime() });
