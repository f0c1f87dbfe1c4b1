import { and, eq, inArray } from "drizzle-orm";
import { integrations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createIntegration, createIntegrationSchema, schemaOptions, updateIntegration } from "@/lib/integrations";
import { decryptCredentials } from "@/lib/integrations/credentials";
import { AUTH_TYPES, PROVIDERS } from "@/lib/providers";
import type { ImportTarget, Plan, RowError, TargetField } from "./types";

const CREDENTIALS = ["token", "api_key", "api_key_header", "username", "password", "client_id", "client_secret"] as const;

export const INTEGRATION_FIELDS: TargetField[] = [
  {
    key: "name",
    label: "Name",
    type: "string",
    required: true,
    description: "Unique per tenant; an existing name is updated.",
    example: "Site 042 (Lyon)",
  },
  {
    key: "provider",
    label: "Provider",
    type: "enum",
    required: true,
    enum_values: PROVIDERS.map((p) => p.key),
    description: "The catalog key.",
    example: "custom_rest",
  },
  { key: "environment", label: "Environment", type: "enum", enum_values: ["production", "sandbox"], example: "production" },
  { key: "auth_type", label: "Auth type", type: "enum", required: true, enum_values: [...AUTH_TYPES], example: "bearer" },
  {
    key: "base_url",
    label: "Base URL",
    type: "string",
    description: "https://; the catalog's default when empty.",
    example: "https://lyon.example.com/api",
  },
  { key: "token", label: "Token", type: "string", secret: true, description: "For bearer.", example: "replace-with-the-site-token" },
  { key: "api_key", label: "API key", type: "string", secret: true, description: "For api_key.", example: "" },
  { key: "api_key_header", label: "API key header", type: "string", description: "For api_key, e.g. X-API-Key.", example: "" },
  { key: "username", label: "Username", type: "string", description: "For basic.", example: "" },
  { key: "password", label: "Password", type: "string", secret: true, description: "For basic.", example: "" },
  { key: "client_id", label: "Client ID", type: "string", description: "For oauth2.", example: "" },
  { key: "client_secret", label: "Client secret", type: "string", secret: true, description: "For oauth2.", example: "" },
  { key: "status_endpoint", label: "Status endpoint", type: "string", description: "Path health checks call.", example: "/status" },
];

const SECRET = new Set(INTEGRATION_FIELDS.filter((f) => f.secret).map((f) => f.key));

const text = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : String(v));

/** A mapped row as the integrations service's create body; credentials only those given. */
function body(data: Record<string, unknown>) {
  const credentials: Record<string, string> = {};
  for (const field of CREDENTIALS) {
    const value = text(data[field]);
    if (value !== undefined) credentials[field] = value;
  }
  const statusEndpoint = text(data.status_endpoint);
  return {
    name: text(data.name),
    provider: text(data.provider),
    environment: text(data.environment) ?? "production",
    auth_type: text(data.auth_type),
    base_url: text(data.base_url),
    ...(Object.keys(credentials).length ? { credentials } : {}),
    ...(statusEndpoint ? { config: { status_endpoint: statusEndpoint } } : {}),
  };
}

/** The field an issue on the service's body belongs to: credentials.token → token, config.status_endpoint → status_endpoint. */
function fieldOf(path: PropertyKey[]): string | null {
  const [head, second] = path.map(String);
  if ((head === "credentials" || head === "config") && second) return second;
  return head ?? null;
}

function rowError(field: string | null, data: Record<string, unknown>, message: string): RowError {
  const value = field ? text(data[field]) : undefined;
  // A credential's value never reaches the error table or the report, not even a wrong one.
  return { column: field, value: value === undefined ? null : field && SECRET.has(field) ? "[redacted]" : value, message };
}

function errorsOf(error: unknown, data: Record<string, unknown>): RowError[] {
  if (error instanceof AppError) {
    if (error.fields) return Object.entries(error.fields).map(([k, m]) => rowError(fieldOf(k.split(".")), data, m));
    return [rowError(null, data, error.message)];
  }
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.map((i) => rowError(fieldOf(i.path), data, i.message));
  throw error;
}

function differences(existing: typeof integrations.$inferSelect, data: Record<string, unknown>): string[] {
  const wanted = body(data);
  const changes: string[] = [];
  if (wanted.environment !== existing.environment) changes.push("environment");
  if (wanted.auth_type !== existing.authType) changes.push("auth_type");
  if (wanted.base_url !== undefined && wanted.base_url !== existing.baseUrl) changes.push("base_url");
  if (wanted.config && wanted.config.status_endpoint !== existing.config.status_endpoint) changes.push("status_endpoint");
  if (wanted.credentials) {
    const stored = decryptCredentials(existing);
    if (CREDENTIALS.some((f) => (wanted.credentials![f] ?? undefined) !== (stored[f] ?? undefined))) changes.push("credentials");
  }
  return changes;
}

/** Integrations themselves: a row per connection, credentials encrypted by the integrations service as it creates each one. */
export const integrationsTarget: ImportTarget = {
  key: "integrations",
  label: "Integrations",
  fields: INTEGRATION_FIELDS,
  keyField: "name",

  check(data) {
    const parsed = createIntegrationSchema(schemaOptions()).safeParse(body(data));
    return parsed.success ? [] : parsed.error.issues.map((i) => rowError(fieldOf(i.path), data, i.message));
  },

  async plan(ctx, rows, tx) {
    const names = rows.map((r) => String(r.data.name));
    const existing = names.length
      ? await tx
          .select()
          .from(integrations)
          .where(and(eq(integrations.tenantId, ctx.tenant.id), inArray(integrations.name, names)))
      : [];
    const byName = new Map(existing.map((row) => [row.name, row]));
    return rows.map((r): Plan => {
      const found = byName.get(String(r.data.name));
      if (!found) return { action: "create" };
      if (found.provider !== r.data.provider)
        return {
          action: "conflict",
          existingId: found.id,
          reason: `An integration named ${found.name} exists with provider ${found.provider}.`,
        };
      const changes = differences(found, r.data);
      return changes.length ? { action: "update", existingId: found.id, changes } : { action: "unchanged", existingId: found.id };
    });
  },

  async write(ctx, row, plan) {
    try {
      if (plan.action === "create") {
        await createIntegration(ctx, body(row.data));
        return { ok: true, action: "create" };
      }
      if (plan.action === "update") {
        // Name and provider identify the row; the rest is what the update changes.
        const patch: Record<string, unknown> = { ...body(row.data) };
        delete patch.name;
        delete patch.provider;
        await updateIntegration(ctx, plan.existingId!, patch);
        return { ok: true, action: "update" };
      }
      if (plan.action === "unchanged") return { ok: true, action: "unchanged" };
      return { ok: false, errors: [rowError("name", row.data, plan.reason ?? "This row conflicts with an existing integration.")] };
    } catch (error) {
      return { ok: false, errors: errorsOf(error, row.data) };
    }
  },
};

export const INTEGRATION_SECRET_FIELDS = SECRET;
