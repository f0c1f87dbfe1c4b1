import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthClients, oauthServerTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { sha256Hex } from "@/lib/crypto/hash";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, withTenant } from "@/lib/tenancy/data";
import { newClientId, newClientSecret } from "./format";
import { clientShapeProblems, createOAuthClientSchema, updateOAuthClientSchema } from "./schema";
import { announceTokenChange, forgetTokens } from "./token-cache";
import { scopeUsageSince } from "./usage";

type ClientRow = typeof oauthClients.$inferSelect;

const USAGE_WINDOW_DAYS = 30;

// OAuth clients mint live tokens, so a test-mode API key (sandbox only) may not manage them.
function requireOwner(ctx: TenantContext) {
  requireRole(ctx, "owner");
  if (ctx.sandboxOnly) throw forbidden("A test key cannot manage OAuth apps; use a live key.");
}

/** The REST shape of a client: never the secret or its hash. */
export function serializeClient(c: ClientRow) {
  return {
    id: c.id,
    client_id: c.clientId,
    name: c.name,
    type: c.type,
    redirect_uris: c.redirectUris,
    scopes: c.scopes,
    grant_types: c.grantTypes,
    rate_limit_per_minute: c.rateLimitPerMinute,
    rate_limit_per_hour: c.rateLimitPerHour,
    secret_hint: c.secretHint ? `…${c.secretHint}` : null,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    secret_rotated_at: c.secretRotatedAt?.toISOString() ?? null,
  };
}

export type SerializedClient = ReturnType<typeof serializeClient>;

function secretFor(type: ClientRow["type"]) {
  if (type === "public") return { secret: null, secretHash: null, secretHint: null };
  const secret = newClientSecret();
  return { secret, secretHash: sha256Hex(secret), secretHint: secret.slice(-4) };
}

async function loadClient(tx: Db, ctx: TenantContext, id: string, lock = false): Promise<ClientRow> {
  if (!isUuid(id)) throw notFound("OAuth client");
  const query = tx
    .select()
    .from(oauthClients)
    .where(and(eq(oauthClients.id, id), eq(oauthClients.tenantId, ctx.tenant.id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("OAuth client");
  return row;
}

/** Registers an app; the secret (confidential clients) is in the answer once and stored only hashed. */
export async function createOAuthClient(ctx: TenantContext, raw: unknown) {
  requireOwner(ctx);
  const input = createOAuthClientSchema.parse(raw);
  const { secret, secretHash, secretHint } = secretFor(input.type);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(oauthClients)
      .values({
        tenantId: ctx.tenant.id,
        name: input.name,
        clientId: newClientId(),
        type: input.type,
        secretHash,
        secretHint,
        redirectUris: input.redirect_uris,
        scopes: input.scopes,
        grantTypes: input.grant_types,
        rateLimitPerMinute: input.rate_limit_per_minute,
        rateLimitPerHour: input.rate_limit_per_hour,
        createdBy: ctx.userId ?? null,
      })
      .returning();
    const client = row!;
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "oauth_client.created",
        target: { type: "oauth_client", id: client.id },
        details: {
          name: client.name,
          client_id: client.clientId,
          type: client.type,
          scopes: client.scopes,
          grant_types: client.grantTypes,
          redirect_uris: client.redirectUris,
        },
      },
      tx,
    );
    return { client: serializeClient(client), clientSecret: secret };
  });
}

/** The tenant's clients, each with the scopes its tokens used in the last 30 days and the ones they never did. */
export async function listOAuthClients(ctx: TenantContext, now = new Date()) {
  requireOwner(ctx);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.select().from(oauthClients).where(eq(oauthClients.tenantId, ctx.tenant.id)).orderBy(desc(oauthClients.createdAt));
    const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * 24 * 3600 * 1000);
    const used = await scopeUsageSince(
      tx,
      rows.map((r) => r.id),
      since,
    );
    return rows.map((row) => {
      const usedScopes = row.scopes.filter((s) => used.get(row.id)?.has(s));
      // A client younger than the window has not had the chance to use everything yet.
      const oldEnough = row.createdAt <= since;
      return {
        ...serializeClient(row),
        used_scopes: usedScopes,
        unused_scopes: oldEnough ? row.scopes.filter((s) => !usedScopes.includes(s)) : [],
      };
    });
  });
}

export async function getOAuthClient(ctx: TenantContext, id: string) {
  requireOwner(ctx);
  return withTenant(ctx, async (tx) => serializeClient(await loadClient(tx, ctx, id)));
}

/** Changes take effect at once on every instance: tokens carry at most the client's current scopes. */
export async function updateOAuthClient(ctx: TenantContext, id: string, raw: unknown) {
  requireOwner(ctx);
  const input = updateOAuthClientSchema.parse(raw);
  const updated = await withTenant(ctx, async (tx) => {
    const row = await loadClient(tx, ctx, id, true);
    const next = {
      name: input.name ?? row.name,
      redirectUris: input.redirect_uris ?? row.redirectUris,
      scopes: input.scopes ?? row.scopes,
      grantTypes: input.grant_types ?? row.grantTypes,
      rateLimitPerMinute: input.rate_limit_per_minute ?? row.rateLimitPerMinute,
      rateLimitPerHour: input.rate_limit_per_hour ?? row.rateLimitPerHour,
    };
    const problems = clientShapeProblems({
      type: row.type,
      grant_types: next.grantTypes,
      redirect_uris: next.redirectUris,
      rate_limit_per_minute: next.rateLimitPerMinute,
      rate_limit_per_hour: next.rateLimitPerHour,
    });
    if (Object.keys(problems).length > 0) throw invalid("Check the highlighted fields.", problems);
    const changes: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(next)) {
      const before = row[field as keyof typeof next];
      if (JSON.stringify(before) !== JSON.stringify(value))
        changes[oauthClients[field as keyof typeof next].name] = { from: before, to: value };
    }
    if (Object.keys(changes).length === 0) return row;
    const [saved] = await tx.update(oauthClients).set(next).where(eq(oauthClients.id, row.id)).returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "oauth_client.updated",
        target: { type: "oauth_client", id: row.id },
        details: { name: next.name, client_id: row.clientId, changes },
      },
      tx,
    );
    await announceTokenChange(tx, { kind: "client", id: row.id });
    return saved!;
  });
  forgetTokens({ kind: "client", id: updated.id });
  return serializeClient(updated);
}

/**
 * A new secret; the old one stops working at once, and so do the client_credentials tokens it
 * obtained (a leaked secret may have minted them). Tokens from consented grants stay valid.
 */
export async function rotateOAuthClientSecret(ctx: TenantContext, id: string, now = new Date()) {
  requireOwner(ctx);
  const rotated = await withTenant(ctx, async (tx) => {
    const row = await loadClient(tx, ctx, id, true);
    if (row.type === "public") throw invalid("A public client has no secret to rotate.", { id: "This client is public." });
    const { secret, secretHash, secretHint } = secretFor(row.type);
    const [saved] = await tx
      .update(oauthClients)
      .set({ secretHash, secretHint, secretRotatedAt: now })
      .where(eq(oauthClients.id, row.id))
      .returning();
    await tx
      .update(oauthServerTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthServerTokens.clientId, row.id), isNull(oauthServerTokens.grantId), isNull(oauthServerTokens.revokedAt)));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "oauth_client.secret_rotated",
        target: { type: "oauth_client", id: row.id },
        details: { name: row.name, client_id: row.clientId, secret_hint: `…${secretHint}` },
      },
      tx,
    );
    await announceTokenChange(tx, { kind: "client", id: row.id });
    return { client: serializeClient(saved!), clientSecret: secret! };
  });
  forgetTokens({ kind: "client", id: rotated.client.id });
  return rotated;
}

/** Deletes the client with every grant and token it holds, in any tenant. */
export async function deleteOAuthClient(ctx: TenantContext, id: string) {
  requireOwner(ctx);
  const deleted = await withTenant(ctx, async (tx) => {
    const row = await loadClient(tx, ctx, id, true);
    await tx.delete(oauthClients).where(eq(oauthClients.id, row.id));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "oauth_client.deleted",
        target: { type: "oauth_client", id: row.id },
        details: { name: row.name, client_id: row.clientId },
      },
      tx,
    );
    await announceTokenChange(tx, { kind: "client", id: row.id });
    return row.id;
  });
  forgetTokens({ kind: "client", id: deleted });
}
