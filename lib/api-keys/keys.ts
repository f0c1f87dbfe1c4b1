import { and, desc, eq, isNull, like } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { apiKeys, tenants } from "@/db/schema";
import { emitEvent, recordAudit } from "@/lib/audit";
import { constantTimeEqual, sha256Hex } from "@/lib/crypto/hash";
import { invalid, notFound } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { announceKeyChange, cachedKey, cacheGeneration, forgetKey, keyCacheReady, rememberKey } from "./auth-cache";
import { generateKeyString, KEY_PREFIX_LENGTH, keyMode, parseKey, type KeyEnvironment } from "./format";
import { ipAllowed } from "./ip-allowlist";
import {
  createApiKeySchema,
  HOURLY_BELOW_MINUTE,
  revokeApiKeySchema,
  rotateApiKeySchema,
  updateApiKeySchema,
  type RotateApiKeyInput,
} from "./schema";
import { isUuid } from "@/lib/tenancy/data";
import type { Scope } from "./scopes";
import { keyUsageByHour, recordKeyUse } from "./usage";

const EXPIRING_SOON_MS = 7 * 24 * 3600 * 1000;

export type KeyState = "active" | "expiring_soon" | "expired" | "revoked" | "rotating";

export function keyState(key: { revokedAt: Date | null; expiresAt: Date | null; rotatedAt: Date | null }, now = new Date()): KeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.rotatedAt) return "rotating";
  if (key.expiresAt && key.expiresAt.getTime() - now.getTime() < EXPIRING_SOON_MS) return "expiring_soon";
  return "active";
}

const DAY_MS = 24 * 3600 * 1000;

/** A live key older than its rotation period; rotated, revoked and expired keys are never due. */
export function rotationDue(
  key: { createdAt: Date; rotationFrequencyDays: number | null } & Parameters<typeof keyState>[0],
  now = new Date(),
): boolean {
  if (key.rotationFrequencyDays === null || !["active", "expiring_soon"].includes(keyState(key, now))) return false;
  return now.getTime() - key.createdAt.getTime() >= key.rotationFrequencyDays * DAY_MS;
}

/** How a key is named on screen: the old one of a rotated pair says so, and until when it works. */
export function keyLabel(key: { name: string; state: KeyState; expiresAt: Date | null }): string {
  if (key.state !== "rotating" || !key.expiresAt) return key.name;
  return `${key.name} (old, valid until ${key.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`;
}

function isUsable(key: Parameters<typeof keyState>[0], now: Date): boolean {
  const state = keyState(key, now);
  return state !== "revoked" && state !== "expired";
}

type KeySettings = Pick<
  typeof apiKeys.$inferInsert,
  "notes" | "scopes" | "expiresAt" | "ipAllowlist" | "rateLimitPerMinute" | "rateLimitPerHour" | "rotationFrequencyDays"
>;

// A test key manages test keys only: it must not mint, list, rotate or revoke live ones.
const visibleTo = (ctx: TenantContext) => (ctx.sandboxOnly ? like(apiKeys.prefix, "pb\\_test\\_%") : undefined);

async function insertKey(tx: Db, ctx: TenantContext, name: string, mode: KeyEnvironment, settings: KeySettings, replacesKeyId?: string) {
  const key = generateKeyString(mode);
  const { prefix } = parseKey(key)!;
  const [row] = await tx
    .insert(apiKeys)
    .values({ tenantId: ctx.tenant.id, name, prefix, hash: sha256Hex(key), createdBy: ctx.userId ?? null, replacesKeyId, ...settings })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, expiresAt: apiKeys.expiresAt });
  return { ...row!, key };
}

export async function createApiKey(ctx: TenantContext, raw: unknown) {
  requireRole(ctx, "owner");
  const input = createApiKeySchema.parse(raw);
  if (ctx.sandboxOnly && input.mode !== "test")
    throw invalid("Check the highlighted fields.", { mode: "A test key can create test keys only." });
  return db().transaction(async (tx) => {
    const created = await insertKey(tx, ctx, input.name, input.mode, {
      notes: input.notes,
      rotationFrequencyDays: input.rotation_frequency_days,
      scopes: input.scopes,
      expiresAt: input.expires_on,
      ipAllowlist: input.ip_allowlist,
      rateLimitPerMinute: input.rate_limit_per_minute,
      rateLimitPerHour: input.rate_limit_per_hour,
    });
    const details = { name: input.name, prefix: created.prefix, mode: input.mode, scopes: input.scopes, expires_at: input.expires_on };
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "api_key.created", target: { type: "api_key", id: created.id }, details },
      tx,
    );
    await emitEvent(ctx.tenant.id, "api_key.created", { id: created.id, ...details }, tx);
    return created;
  });
}

const listedColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  notes: apiKeys.notes,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  totalRequests: apiKeys.totalRequests,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  rotatedAt: apiKeys.rotatedAt,
  ipAllowlist: apiKeys.ipAllowlist,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  rateLimitPerHour: apiKeys.rateLimitPerHour,
  rotationFrequencyDays: apiKeys.rotationFrequencyDays,
};

function listed<R extends Parameters<typeof rotationDue>[0] & { prefix: string }>(row: R, now: Date) {
  return { ...row, mode: keyMode(row.prefix), state: keyState(row, now), rotationDue: rotationDue(row, now) };
}

export async function listApiKeys(ctx: TenantContext, now = new Date()) {
  const rows = await db()
    .select(listedColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), visibleTo(ctx)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => listed(row, now));
}

export async function getApiKey(ctx: TenantContext, id: string, now = new Date()) {
  if (!isUuid(id)) throw notFound("API key");
  const [row] = await db()
    .select(listedColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenant.id), visibleTo(ctx)));
  if (!row) throw notFound("API key");
  return listed(row, now);
}

// Free text may hold anything an owner pasted, so the audit trail notes that it changed, not what it says.
const DIFFED_AS_CHANGED = new Set(["notes"]);

/**
 * Changes a key's name, notes, scopes, limits, allowlist or rotation period; takes effect at once
 * on every instance (the auth cache forgets the key, as on revoke). The mode cannot change: it is
 * part of the key string, so a test key never becomes a live one.
 */
export async function updateApiKey(ctx: TenantContext, id: string, raw: unknown, now = new Date()) {
  requireRole(ctx, "owner");
  const input = updateApiKeySchema.parse(raw);
  if (!isUuid(id)) throw notFound("API key");
  const updated = await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenant.id), visibleTo(ctx)))
      .for("update");
    if (!row || !isUsable(row, now)) throw notFound("Active API key");
    if (input.mode !== undefined && input.mode !== keyMode(row.prefix)) {
      throw invalid("Check the highlighted fields.", {
        mode: "A key's mode is part of the key itself and cannot change; create a new key in the other mode.",
      });
    }
    const next = {
      name: input.name ?? row.name,
      notes: input.notes ?? row.notes,
      scopes: input.scopes ?? row.scopes,
      ipAllowlist: input.ip_allowlist ?? row.ipAllowlist,
      rateLimitPerMinute: input.rate_limit_per_minute ?? row.rateLimitPerMinute,
      rateLimitPerHour: input.rate_limit_per_hour ?? row.rateLimitPerHour,
      rotationFrequencyDays: input.rotation_frequency_days === undefined ? row.rotationFrequencyDays : input.rotation_frequency_days,
    };
    if (next.rateLimitPerHour < next.rateLimitPerMinute) {
      throw invalid("Check the highlighted fields.", { rate_limit_per_hour: HOURLY_BELOW_MINUTE });
    }
    const diff: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(next)) {
      const before = row[field as keyof typeof next];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      const column = apiKeys[field as keyof typeof next].name;
      diff[column] = DIFFED_AS_CHANGED.has(field) ? { changed: true } : { from: before, to: value };
    }
    if (Object.keys(diff).length === 0) return row.id;
    await tx.update(apiKeys).set(next).where(eq(apiKeys.id, row.id));
    const details = { name: next.name, prefix: row.prefix, changes: diff };
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "api_key.updated", target: { type: "api_key", id: row.id }, details },
      tx,
    );
    await emitEvent(ctx.tenant.id, "api_key.updated", { id: row.id, name: next.name, prefix: row.prefix, changed: Object.keys(diff) }, tx);
    await announceKeyChange(tx, row.id);
    return row.id;
  });
  forgetKey(updated);
  return getApiKey(ctx, updated, now);
}

export async function revokeApiKey(ctx: TenantContext, raw: { id: string }) {
  requireRole(ctx, "owner");
  const input = revokeApiKeySchema.parse(raw);
  const revoked = await db().transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt), visibleTo(ctx)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw notFound("API key");
    const details = { name: row.name, prefix: row.prefix };
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "api_key.revoked", target: { type: "api_key", id: row.id }, details },
      tx,
    );
    await emitEvent(ctx.tenant.id, "api_key.revoked", { id: row.id, ...details }, tx);
    await announceKeyChange(tx, row.id);
    return row.id;
  });
  forgetKey(revoked);
}

/**
 * A new key with the same scopes, limits and expiry; the old one keeps working for the
 * grace period (never past its own expiry) so a deployment can switch over without downtime.
 */
export async function rotateApiKey(ctx: TenantContext, raw: RotateApiKeyInput, now = new Date()) {
  requireRole(ctx, "owner");
  const input = rotateApiKeySchema.parse(raw);
  const rotated = await db().transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.tenantId, ctx.tenant.id), visibleTo(ctx)))
      .for("update");
    if (!old || !isUsable(old, now)) throw notFound("Active API key");
    const graceEnds = new Date(now.getTime() + input.grace_period_hours * 3600 * 1000);
    const oldExpiresAt = old.expiresAt && old.expiresAt < graceEnds ? old.expiresAt : graceEnds;
    await tx.update(apiKeys).set({ rotatedAt: now, expiresAt: oldExpiresAt }).where(eq(apiKeys.id, old.id));
    const created = await insertKey(
      tx,
      ctx,
      old.name,
      keyMode(old.prefix),
      {
        notes: old.notes,
        rotationFrequencyDays: old.rotationFrequencyDays,
        scopes: old.scopes,
        expiresAt: old.expiresAt,
        ipAllowlist: old.ipAllowlist,
        rateLimitPerMinute: old.rateLimitPerMinute,
        rateLimitPerHour: old.rateLimitPerHour,
      },
      old.id,
    );
    const details = { name: old.name, old_prefix: old.prefix, new_prefix: created.prefix, old_key_valid_until: oldExpiresAt.toISOString() };
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "api_key.rotated", target: { type: "api_key", id: created.id }, details },
      tx,
    );
    await emitEvent(ctx.tenant.id, "api_key.rotated", { id: created.id, replaces: old.id, ...details }, tx);
    // The old key's expiry moved to the end of the grace period.
    await announceKeyChange(tx, old.id);
    return { ...created, oldKeyValidUntil: oldExpiresAt };
  });
  forgetKey(input.id);
  return rotated;
}

export type AuthenticatedKey = {
  keyId: string;
  keyName: string;
  prefix: string;
  mode: KeyEnvironment;
  scopes: Scope[];
  rateLimitPerMinute: number;
  rateLimitPerHour: number;
  tenant: { id: string; slug: string; name: string };
};

export type KeyCheck = { ok: true; key: AuthenticatedKey } | { ok: false; status: 401 } | { ok: false; status: 403; message: string };

/** What authentication needs of a key row; held by the auth cache between lookups. */
export type StoredKey = Pick<typeof apiKeys.$inferSelect, "revokedAt" | "expiresAt" | "rotatedAt" | "ipAllowlist"> & {
  keyId: string;
  authenticated: AuthenticatedKey;
};

async function lookupKey(prefix: string): Promise<{ hash: string; key: StoredKey } | undefined> {
  const [row] = await db()
    .select({
      keyId: apiKeys.id,
      keyName: apiKeys.name,
      prefix: apiKeys.prefix,
      hash: apiKeys.hash,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
      rotatedAt: apiKeys.rotatedAt,
      ipAllowlist: apiKeys.ipAllowlist,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      rateLimitPerHour: apiKeys.rateLimitPerHour,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, prefix));
  if (!row) return undefined;
  const { hash, revokedAt, expiresAt, rotatedAt, ipAllowlist, ...rest } = row;
  // Cached and handed to every request that presents the key, so nobody may change it.
  const authenticated = Object.freeze({
    ...rest,
    mode: keyMode(rest.prefix),
    scopes: Object.freeze(rest.scopes),
    tenant: Object.freeze(rest.tenant),
  }) as AuthenticatedKey;
  return { hash, key: { keyId: row.keyId, revokedAt, expiresAt, rotatedAt, ipAllowlist, authenticated } };
}

/**
 * Resolves a presented key; every way of being wrong is the same 401, except a valid key used
 * from a refused address. Each wrong key costs the same work (one lookup by prefix, one
 * constant-time compare of hashes) whether it is malformed, unknown or has a wrong secret,
 * so the answer's timing does not tell them apart; keys that authenticated recently are
 * served from the auth cache without a lookup.
 */
export async function authenticateApiKey(presented: string, ip: string | null, now = new Date()): Promise<KeyCheck> {
  const hash = sha256Hex(presented);
  const ready = keyCacheReady();
  const cacheable = typeof ready === "boolean" ? ready : await ready;
  let key = cacheable ? cachedKey(hash, now) : undefined;
  if (!key) {
    const generation = cacheGeneration();
    const parsed = parseKey(presented);
    const found = await lookupKey(parsed?.prefix ?? presented.slice(0, KEY_PREFIX_LENGTH));
    const hashMatches = constantTimeEqual(found?.hash ?? "", hash);
    if (!parsed || !found || !hashMatches) return { ok: false, status: 401 };
    key = found.key;
    if (cacheable && isUsable(key, now)) rememberKey(hash, key, generation, now);
  }
  if (!isUsable(key, now)) return { ok: false, status: 401 };
  if (!ipAllowed(key.ipAllowlist, ip))
    return { ok: false, status: 403, message: `This API key may not be used from ${ip ?? "an unknown address"}.` };
  recordKeyUse(key.keyId, now, ip);
  return { ok: true, key: key.authenticated };
}

/** One key with its hourly requests and 429s over the last week, for its detail page. */
export async function getApiKeyWithUsage(ctx: TenantContext, id: string, now = new Date()) {
  const key = await getApiKey(ctx, id, now);
  const usage = await keyUsageByHour([key.id], 7 * 24, now);
  return { ...key, usage: usage.get(key.id) ?? [] };
}

/** The tenant's keys with their last 24 hours of requests and 429s, for the keys page. */
export async function listApiKeysWithUsage(ctx: TenantContext, now = new Date()) {
  const keys = await listApiKeys(ctx, now);
  const usage = await keyUsageByHour(
    keys.map((k) => k.id),
    24,
    now,
  );
  return keys.map((k) => ({ ...k, usage: usage.get(k.id) ?? [] }));
}
