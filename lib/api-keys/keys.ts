import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { constantTimeEqual, randomBase62, sha256Hex } from "@/lib/crypto/hash";
import { notFound } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { createApiKeySchema, revokeApiKeySchema, type CreateApiKeyInput } from "./schema";

const KEY_PATTERN = /^pb_live_[0-9A-Za-z]{40}$/;
// Enough of the key to find its row and to recognise it in a list, far too little to use it.
const PREFIX_LENGTH = "pb_live_".length + 8;
// last_used_at is a hint for people, not an audit trail: one write a minute per key is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `pb_live_${randomBase62(40)}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: sha256Hex(key) };
}

export async function createApiKey(ctx: TenantContext, raw: CreateApiKeyInput) {
  requireRole(ctx, "owner");
  const input = createApiKeySchema.parse(raw);
  const { key, prefix, hash } = generateApiKey();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ tenantId: ctx.tenant.id, name: input.name, prefix, hash, createdBy: ctx.userId ?? null })
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "api_key.created",
        target: { type: "api_key", id: row!.id },
        details: { name: input.name, prefix },
      },
      tx,
    );
    return { ...row!, key };
  });
}

export async function listApiKeys(ctx: TenantContext) {
  return db()
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, ctx.tenant.id))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(ctx: TenantContext, raw: { id: string }) {
  requireRole(ctx, "owner");
  const input = revokeApiKeySchema.parse(raw);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw notFound("API key");
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "api_key.revoked",
        target: { type: "api_key", id: row.id },
        details: { name: row.name, prefix: row.prefix },
      },
      tx,
    );
  });
}

export type AuthenticatedKey = {
  keyId: string;
  keyName: string;
  prefix: string;
  tenant: { id: string; slug: string; name: string };
};

/** Resolves a presented key to its tenant; null for anything that is not a live key. */
export async function authenticateApiKey(presented: string, now = new Date()): Promise<AuthenticatedKey | null> {
  if (!KEY_PATTERN.test(presented)) return null;
  const [row] = await db()
    .select({
      keyId: apiKeys.id,
      keyName: apiKeys.name,
      prefix: apiKeys.prefix,
      hash: apiKeys.hash,
      revokedAt: apiKeys.revokedAt,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, presented.slice(0, PREFIX_LENGTH)));
  if (!row || row.revokedAt || !constantTimeEqual(row.hash, sha256Hex(presented))) return null;
  await db()
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, row.keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return { keyId: row.keyId, keyName: row.keyName, prefix: row.prefix, tenant: row.tenant };
}
