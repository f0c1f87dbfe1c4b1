import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import {
  WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN,
  WEBHOOK_ENDPOINT_HEADERS_COLUMN,
  WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN,
  WEBHOOK_ENDPOINT_SECRET_COLUMN,
  webhookEndpoints,
} from "@/db/schema";
import { contextFor, decryptJson, decryptSecret, encryptJson, encryptSecret } from "@/lib/crypto";
import { invalid } from "@/lib/errors";
import { checkAddress, resolveHost } from "@/lib/http/address-guard";
import { networkPolicy } from "@/lib/http/client";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, visibleTo, withTenant } from "@/lib/tenancy/data";
import { schemaOptions } from "@/lib/integrations/mutations";
import type { EndpointAuthType } from "./endpoint-options";
import { DISABLE_AFTER_MS, retrySchedule, type RetryPolicy } from "./retry-policy";
import {
  AUTH_FIELDS,
  authIssues,
  createEndpointSchema,
  listEndpointsSchema,
  type ListEndpointsInput,
  patchEndpointSchema,
  rotateEndpointSecretSchema,
  type AuthCredentials,
  type RotateEndpointSecretInput,
} from "./schema";
import { generateEndpointSecret } from "./signing";
import { writeEvents } from "./write-events";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** How long a rotated-out secret keeps signing, so subscribers can switch without dropping messages. */
const HOUR_MS = 3600 * 1000;

/** The read shape: settings and state, custom header names but never their values or the secret. */
export function endpointView(row: EndpointRow, now = new Date()) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    header_names: row.headerNames,
    rate_limit_per_second: row.rateLimitPerSecond,
    http_method: row.httpMethod,
    auth_type: row.authType,
    has_auth: row.authType !== "none" && row.authCredentials !== null,
    auth_hint: row.authHint,
    retry_policy: {
      enabled: row.retryEnabled,
      max_retries: row.maxRetries,
      first_delay_seconds: row.retryFirstDelaySeconds,
      schedule_seconds: retrySchedule(retryPolicyOf(row)),
    },
    failing_since: row.failingSince?.toISOString() ?? null,
    disables_at: row.enabled && row.failingSince ? new Date(row.failingSince.getTime() + DISABLE_AFTER_MS).toISOString() : null,
    previous_secret_expires_at:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type EndpointView = ReturnType<typeof endpointView>;

/** Every secret that signs right now: the current one, and the previous one during its overlap. */
export function signingSecrets(row: EndpointRow, now: Date): string[] {
  const secrets = [decryptSecret(row.secret, contextFor(WEBHOOK_ENDPOINT_SECRET_COLUMN, row))];
  if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(row.previousSecret, contextFor(WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN, row)));
  }
  return secrets;
}

export function customHeaders(row: EndpointRow): Record<string, string> {
  return row.headers ? decryptJson(row.headers, contextFor(WEBHOOK_ENDPOINT_HEADERS_COLUMN, row)) : {};
}

export function retryPolicyOf(row: EndpointRow): RetryPolicy {
  return { enabled: row.retryEnabled, maxRetries: row.maxRetries, firstDelaySeconds: row.retryFirstDelaySeconds };
}

function retryColumns(policy: { enabled?: boolean; max_retries?: number | null; first_delay_seconds?: number | null }) {
  return {
    retryEnabled: policy.enabled ?? true,
    maxRetries: policy.max_retries ?? null,
    retryFirstDelaySeconds: policy.first_delay_seconds ?? null,
  };
}

/** The stored basic/bearer/hmac credentials, decrypted for a delivery. */
export function authCredentials(row: EndpointRow): AuthCredentials {
  return row.authCredentials ? decryptJson(row.authCredentials, contextFor(WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN, row)) : {};
}

/** What the read shape shows instead of the credentials: the basic username's first letter and the secret's last four, when long. */
function authHintOf(type: EndpointAuthType, credentials: AuthCredentials): string | null {
  const secret = credentials.password ?? credentials.token ?? credentials.secret;
  if (type === "none" || !secret) return null;
  const tail = secret.length >= 16 ? `••••${secret.slice(-4)}` : "••••";
  return type === "basic" && credentials.username ? `${credentials.username.slice(0, 1)}…: ${tail}` : tail;
}

function sealedAuth(ref: { id: string; tenantId: string }, type: EndpointAuthType, given: AuthCredentials | undefined) {
  const credentials = Object.fromEntries(AUTH_FIELDS[type].map((name) => [name, given?.[name] ?? ""]));
  return {
    authType: type,
    authCredentials: type === "none" ? null : encryptJson(credentials, contextFor(WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN, ref)),
    authHint: authHintOf(type, credentials),
  };
}

/** Basic and bearer auth set Authorization themselves; a custom one beside them would be sent twice. */
function refuseAuthorizationClash(type: EndpointAuthType, headerNames: string[]) {
  const clash = headerNames.find((name) => name.toLowerCase() === "authorization");
  if (clash && (type === "basic" || type === "bearer")) {
    throw invalid("Check the highlighted fields.", {
      [`headers.${clash}`]: `With ${type} auth Patchbay sets Authorization itself; remove this header or choose auth type none.`,
    });
  }
}

function sealedHeaders(ref: { id: string; tenantId: string }, headers: Record<string, string>) {
  const names = Object.keys(headers);
  return { headers: names.length ? encryptJson(headers, contextFor(WEBHOOK_ENDPOINT_HEADERS_COLUMN, ref)) : null, headerNames: names };
}

/**
 * Refuses a URL whose host resolves to an address the SSRF guard blocks, so the admin hears it
 * now rather than from failed deliveries. A host that does not resolve yet is accepted: every
 * delivery is checked again at connect time, and its attempt log says what went wrong.
 */
async function refuseBlockedUrl(url: string): Promise<void> {
  const { hostname } = new URL(url);
  const addresses = await resolveHost(hostname).catch(() => []);
  const policy = networkPolicy();
  if (addresses.some((a) => !checkAddress(a.address, policy).allowed)) {
    throw invalid("Check the highlighted fields.", {
      url: `${hostname} resolves to a private, loopback or metadata address, which Patchbay does not call. An operator can allow it with PATCHBAY_PRIVATE_ALLOWLIST.`,
    });
  }
}

function audit(ctx: TenantContext, tx: Db, action: string, row: EndpointRow, details: Record<string, unknown> = {}) {
  return writeEvents(ctx, tx, { type: "webhook_endpoint", id: row.id }, action, { url: row.url, ...details });
}

export async function createEndpoint(ctx: TenantContext, raw: unknown) {
  requireRole(ctx, "admin");
  const input = createEndpointSchema(schemaOptions()).parse(raw);
  refuseAuthorizationClash(input.auth_type, Object.keys(input.headers));
  await refuseBlockedUrl(input.url);
  const ref = { id: randomUUID(), tenantId: ctx.tenant.id };
  const secret = generateEndpointSecret();
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        ...ref,
        url: input.url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
        rateLimitPerSecond: input.rate_limit_per_second,
        httpMethod: input.http_method,
        ...sealedAuth(ref, input.auth_type, input.auth_credentials),
        ...retryColumns(input.retry_policy),
        secret: encryptSecret(secret, contextFor(WEBHOOK_ENDPOINT_SECRET_COLUMN, ref)),
        ...sealedHeaders(ref, input.headers),
      })
      .returning();
    await audit(ctx, tx, "created", row!, { events: input.events, header_names: row!.headerNames, auth_type: row!.authType });
    return { ...endpointView(row!), secret };
  });
}

export async function updateEndpoint(ctx: TenantContext, id: string, raw: unknown) {
  requireRole(ctx, "admin");
  const input = patchEndpointSchema(schemaOptions()).parse(raw);
  if (input.url !== undefined) await refuseBlockedUrl(input.url);
  return withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookEndpoints, ctx, id, { lock: true });
    const changes: Partial<typeof webhookEndpoints.$inferInsert> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.description !== undefined) changes.description = input.description;
    if (input.events !== undefined) changes.events = input.events;
    if (input.rate_limit_per_second !== undefined) changes.rateLimitPerSecond = input.rate_limit_per_second;
    if (input.headers !== undefined) Object.assign(changes, sealedHeaders(row, input.headers));
    if (input.http_method !== undefined) changes.httpMethod = input.http_method;
    if (input.retry_policy !== undefined) Object.assign(changes, retryColumns(input.retry_policy));
    if (input.auth_type !== undefined || input.auth_credentials !== undefined) {
      const type = input.auth_type ?? row.authType;
      const keep = type === row.authType;
      const issues = authIssues(type, input.auth_credentials, keep);
      if (issues.length)
        throw invalid("Check the highlighted fields.", Object.fromEntries(issues.map((i) => [i.path.join("."), i.message])));
      const given = AUTH_FIELDS[type].some((name) => input.auth_credentials?.[name]);
      if (!keep || given) Object.assign(changes, sealedAuth(row, type, input.auth_credentials));
    }
    refuseAuthorizationClash(changes.authType ?? row.authType, changes.headerNames ?? row.headerNames);
    if (input.enabled !== undefined && input.enabled !== row.enabled) {
      changes.enabled = input.enabled;
      // Re-enabling starts the failure clock afresh: the admin says the endpoint is fixed.
      if (input.enabled) Object.assign(changes, { disabledReason: null, failingSince: null, failingWarnedAt: null });
      else changes.disabledReason = "Disabled by an admin.";
    }
    if (Object.keys(changes).length === 0) return endpointView(row);
    const [updated] = await tx.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, row.id)).returning();
    await audit(ctx, tx, "updated", updated!, { changed: Object.keys(input) });
    return endpointView(updated!);
  });
}

export async function deleteEndpoint(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  await withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookEndpoints, ctx, id, { lock: true });
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
    await audit(ctx, tx, "deleted", row);
  });
}

/** A new secret, shown once; the old one keeps signing beside it for the grace period (24 hours unless chosen). */
export async function rotateEndpointSecret(ctx: TenantContext, id: string, raw: RotateEndpointSecretInput = {}, now = new Date()) {
  requireRole(ctx, "admin");
  const { grace_period_hours: hours } = rotateEndpointSecretSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookEndpoints, ctx, id, { lock: true });
    const old = decryptSecret(row.secret, contextFor(WEBHOOK_ENDPOINT_SECRET_COLUMN, row));
    const secret = generateEndpointSecret();
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        secret: encryptSecret(secret, contextFor(WEBHOOK_ENDPOINT_SECRET_COLUMN, row)),
        previousSecret: hours > 0 ? encryptSecret(old, contextFor(WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN, row)) : null,
        previousSecretExpiresAt: hours > 0 ? new Date(now.getTime() + hours * HOUR_MS) : null,
      })
      .where(eq(webhookEndpoints.id, row.id))
      .returning();
    await audit(ctx, tx, "secret_rotated", updated!, { grace_period_hours: hours });
    return { ...endpointView(updated!, now), secret };
  });
}

export async function getEndpoint(ctx: TenantContext, id: string): Promise<EndpointView> {
  requireRole(ctx, "viewer");
  return endpointView(await loadOwned(webhookEndpoints, ctx, id));
}

const CREATED_KEY = instantKey(webhookEndpoints.createdAt);

export async function listEndpoints(ctx: TenantContext, raw: ListEndpointsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listEndpointsSchema.parse(raw);
  const filters = [visibleTo(webhookEndpoints, ctx)];
  if (input.cursor)
    filters.push(afterCursor(input.cursor, cursorShapes.instantThenId, [webhookEndpoints.createdAt, webhookEndpoints.id], true));
  const rows = await db()
    .select({ row: webhookEndpoints, sortKey: CREATED_KEY })
    .from(webhookEndpoints)
    .where(and(...filters))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  return { data: page.map((r) => endpointView(r.row)), next_cursor };
}
