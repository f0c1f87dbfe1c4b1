import { hasPgCode, PG } from "@/db/errors";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { emitEvent, recordAudit } from "@/lib/audit";
import { literalAddress, plainHttpAllowed } from "@/lib/http/address-guard";
import { networkPolicy } from "@/lib/http/client";
import { conflict, invalid } from "@/lib/errors";
import { defaultBaseUrl, getProvider, type AuthType } from "@/lib/providers";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { nextConnectionStatus } from "./connection-status";
import { credentialsHint, encryptCredentials } from "./credentials";
import {
  createIntegrationSchema,
  patchIntegrationSchema,
  replaceCredentialsSchema,
  type Credentials,
  type IntegrationConfig,
  type ReplaceCredentialsInput,
} from "./schema";
import { usageOf } from "./usage";
import { integrationView, type IntegrationRow } from "./view";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { disconnect } from "@/lib/oauth/manage";

/**
 * Plain http only where private networks are reachable: that is where internal systems without TLS
 * live. With only an allowlist, only its addresses: a hostname is refused here, since what it
 * resolves to is known only at the call (which refuses plain http to any other address too).
 */
export function schemaOptions() {
  const policy = networkPolicy();
  return {
    allowHttp: policy.allowPrivateNetwork || policy.allowlist.length > 0,
    plainHttpTo: (hostname: string) => {
      const address = literalAddress(hostname);
      return policy.allowPrivateNetwork || (address !== null && plainHttpAllowed(address, policy));
    },
  };
}

const NAME_TAKEN = "An integration with this name already exists.";

async function writeEvents(
  ctx: TenantContext,
  tx: Db,
  action: "created" | "updated" | "deleted",
  row: IntegrationRow,
  details: Record<string, unknown>,
) {
  const target = { type: "integration", id: row.id };
  await recordAudit({ tenantId: ctx.tenant.id, actor: ctx.actor, action: `integration.${action}`, target, details }, tx);
  await emitEvent(
    ctx.tenant.id,
    `integration.${action}`,
    { id: row.id, name: row.name, provider: row.provider, environment: row.environment, ...details },
    tx,
  );
}

function sealed(row: { id: string; tenantId: string }, authType: AuthType, credentials: Credentials | null) {
  if (!credentials || authType === "none") return { credentials: null, credentialsHint: null };
  return { credentials: encryptCredentials(row, credentials), credentialsHint: credentialsHint(authType, credentials) };
}

/** Credentials checked against the auth type they are for, with messages on `credentials.<field>`. */
function parseCredentials(authType: AuthType, credentials: unknown): Credentials {
  return replaceCredentialsSchema.parse({ auth_type: authType, credentials }).credentials as Credentials;
}

function refuseProductionForTestKey(ctx: TenantContext, environment: string | undefined) {
  if (ctx.sandboxOnly && environment !== undefined && environment !== "sandbox") {
    throw invalid("Check the highlighted fields.", { environment: "A test key works with sandbox integrations only." });
  }
}

export async function createIntegration(ctx: TenantContext, raw: unknown) {
  requireRole(ctx, "admin");
  const input = createIntegrationSchema(schemaOptions()).parse(raw);
  refuseProductionForTestKey(ctx, input.environment);
  const provider = getProvider(input.provider)!;
  const credentials = input.credentials ? parseCredentials(input.auth_type, input.credentials) : null;
  const ref = { id: randomUUID(), tenantId: ctx.tenant.id };
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx
        .insert(integrations)
        .values({
          ...ref,
          name: input.name,
          provider: provider.key,
          environment: input.environment,
          authType: input.auth_type,
          baseUrl: input.base_url ?? defaultBaseUrl(provider, input.environment)!,
          config: input.config,
          ...sealed(ref, input.auth_type, credentials),
        })
        .returning();
      await writeEvents(ctx, tx, "created", row!, { auth_type: row!.authType, has_credentials: row!.credentials !== null });
      return integrationView(row!);
    });
  } catch (error) {
    if (hasPgCode(error, PG.uniqueViolation)) throw conflict(NAME_TAKEN, { name: NAME_TAKEN });
    throw error;
  }
}

export async function updateIntegration(ctx: TenantContext, id: string, raw: unknown) {
  requireRole(ctx, "admin");
  const input = patchIntegrationSchema(schemaOptions()).parse(raw);
  refuseProductionForTestKey(ctx, input.environment);
  try {
    const row = await withTenant(ctx, async (tx) => {
      const row = await loadOwned(integrations, ctx, id, { lock: true });
      const provider = getProvider(row.provider);
      const authType = input.auth_type ?? row.authType;
      if (provider && input.auth_type && !provider.authModes.includes(authType)) {
        throw invalid("Check the highlighted fields.", { auth_type: `${provider.name} supports ${provider.authModes.join(", ")}.` });
      }
      const changes: Partial<typeof integrations.$inferInsert> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.environment !== undefined) changes.environment = input.environment;
      if (input.base_url !== undefined) changes.baseUrl = input.base_url;
      // Switching environment moves a base URL still at the catalog's default to the new environment's; one the admin chose stays.
      else if (provider && input.environment !== undefined && row.baseUrl === defaultBaseUrl(provider, row.environment))
        changes.baseUrl = defaultBaseUrl(provider, input.environment) ?? row.baseUrl;
      if (input.status !== undefined) changes.status = input.status;
      if (input.config !== undefined) {
        const merged: Record<string, unknown> = { ...row.config, ...input.config };
        for (const key of Object.keys(merged)) if (merged[key] === null) delete merged[key];
        changes.config = merged as IntegrationConfig;
      }
      if (input.auth_type !== undefined || input.credentials !== undefined) {
        changes.authType = authType;
        Object.assign(changes, sealed(row, authType, authType === "none" ? null : parseCredentials(authType, input.credentials)));
        changes.connectionStatus = nextConnectionStatus(row.connectionStatus, { kind: "credentials_replaced" });
      }
      if (Object.keys(changes).length === 0) return row;
      const [updated] = await tx.update(integrations).set(changes).where(eq(integrations.id, row.id)).returning();
      const details: Record<string, unknown> = { changed: Object.keys(input) };
      if (input.status && input.status !== row.status) details.status = input.status;
      await writeEvents(ctx, tx, "updated", updated!, details);
      return updated!;
    });
    return integrationView(row, (await usageOf(ctx, [row.id])).get(row.id));
  } catch (error) {
    if (hasPgCode(error, PG.uniqueViolation)) throw conflict(NAME_TAKEN, { name: NAME_TAKEN });
    throw error;
  }
}

/** The write-only credentials form: the new secret replaces the old one, which is never read back. */
export async function replaceCredentials(ctx: TenantContext, id: string, raw: ReplaceCredentialsInput) {
  requireRole(ctx, "admin");
  const input = replaceCredentialsSchema.parse(raw);
  return updateIntegration(ctx, id, { auth_type: input.auth_type, credentials: input.credentials });
}

export async function setIntegrationEnabled(ctx: TenantContext, id: string, enabled: boolean) {
  return updateIntegration(ctx, id, { status: enabled ? "enabled" : "disabled" });
}

export async function deleteIntegration(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  // Tokens end at the provider too, not only here: a deleted integration must not leave a live grant behind.
  if ((await loadOwned(integrations, ctx, id)).authType === "oauth2") await disconnect(ctx, id);
  await withTenant(ctx, async (tx) => {
    const row = await loadOwned(integrations, ctx, id, { lock: true });
    await tx.delete(integrations).where(eq(integrations.id, row.id));
    await writeEvents(ctx, tx, "deleted", row, {});
  });
}
