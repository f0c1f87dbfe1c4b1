import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys, auditEvents, outboxEvents } from "@/db/schema";
import {
  authenticateApiKey,
  createApiKey,
  getApiKeyWithUsage,
  keyLabel,
  listApiKeys,
  listApiKeysWithUsage,
  revokeApiKey,
  rotateApiKey,
  SCOPES,
} from "@/lib/api-keys";
import { flushKeyUsage } from "@/lib/api-keys/usage";
import { sha256Hex } from "@/lib/crypto/hash";
import { ownerContext, withRole } from "@/tests/fixtures";

const all = { scopes: [...SCOPES] };
const HOUR = 3600 * 1000;

describe("API keys", () => {
  it("stores only a prefix and a hash, and the key authenticates as its tenant", async () => {
    const owner = await ownerContext();
    const created = await createApiKey(owner, { name: "CI", ...all });
    expect(created.key).toMatch(/^pb_live_[0-9A-Za-z]{38}$/);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.hash).toBe(sha256Hex(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(created.key.startsWith(row!.prefix)).toBe(true);

    const auth = await authenticateApiKey(created.key, "127.0.0.1");
    expect(auth).toMatchObject({ ok: true, key: { keyName: "CI", tenant: { slug: "acme" } } });
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "api_key.created"));
    expect(events).toHaveLength(1);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, "api_key.created"));
    expect(JSON.stringify([audit, events])).not.toContain(created.key);
  });

  it("counts use in batches: total requests and last used appear after a flush", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "CI", ...all });
    for (let i = 0; i < 3; i++) await authenticateApiKey(key, null);
    expect((await listApiKeys(owner))[0]?.totalRequests).toBe(0);
    await flushKeyUsage();
    const [listed] = await listApiKeys(owner);
    expect(listed?.totalRequests).toBe(3);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses a key that is altered, unknown, revoked or expired", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI", ...all, expires_on: "2999-01-01" });
    const altered = key.slice(0, 12) + (key[12] === "a" ? "b" : "a") + key.slice(13);
    expect(await authenticateApiKey(altered, null)).toEqual({ ok: false, status: 401 });
    expect(await authenticateApiKey("pb_live_short", null)).toEqual({ ok: false, status: 401 });
    expect(await authenticateApiKey(key, null, new Date("2999-01-02T00:00:00Z"))).toEqual({ ok: false, status: 401 });
    await revokeApiKey(owner, { id });
    expect(await authenticateApiKey(key, null)).toEqual({ ok: false, status: 401 });
  });

  it("refuses calls from outside the key's IP allowlist, IPv4 and IPv6", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "CI", ...all, ip_allowlist: "10.1.0.0/16\n2001:db8::/32" });
    expect(await authenticateApiKey(key, "10.1.2.3")).toMatchObject({ ok: true });
    expect(await authenticateApiKey(key, "::ffff:10.1.2.3")).toMatchObject({ ok: true });
    expect(await authenticateApiKey(key, "2001:db8::5")).toMatchObject({ ok: true });
    expect(await authenticateApiKey(key, "10.2.0.1")).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringContaining("10.2.0.1"),
    });
    expect(await authenticateApiKey(key, null)).toMatchObject({ ok: false, status: 403 });
  });

  it("rotates: the new key inherits everything, the old one works through the grace period only", async () => {
    const owner = await ownerContext();
    const old = await createApiKey(owner, {
      name: "CI",
      scopes: ["integrations:read"],
      expires_on: "2999-01-01",
      rate_limit_per_minute: 5,
      rate_limit_per_hour: 50,
    });
    const now = new Date();
    const rotated = await rotateApiKey(owner, { id: old.id, grace_period_hours: 2 }, now);
    expect(rotated.expiresAt?.toISOString()).toBe("2999-01-01T23:59:59.999Z");
    expect(rotated.oldKeyValidUntil.getTime()).toBe(now.getTime() + 2 * HOUR);
    const fresh = await authenticateApiKey(rotated.key, null);
    expect(fresh).toMatchObject({ ok: true, key: { scopes: ["integrations:read"], rateLimitPerMinute: 5, rateLimitPerHour: 50 } });
    expect(await authenticateApiKey(old.key, null, new Date(now.getTime() + HOUR))).toMatchObject({ ok: true });
    expect(await authenticateApiKey(old.key, null, new Date(now.getTime() + 3 * HOUR))).toEqual({ ok: false, status: 401 });
    const states = Object.fromEntries((await listApiKeys(owner, new Date(now.getTime() + HOUR))).map((k) => [k.id, k.state]));
    expect(states).toEqual({ [old.id]: "rotating", [rotated.id]: "active" });
  });

  it("never extends the old key past its own expiry when rotating", async () => {
    const owner = await ownerContext();
    const soon = new Date(Date.now() + 36 * HOUR).toISOString().slice(0, 10);
    const old = await createApiKey(owner, { name: "CI", ...all, expires_on: soon });
    const rotated = await rotateApiKey(owner, { id: old.id, grace_period_hours: 720 });
    expect(rotated.oldKeyValidUntil.toISOString()).toBe(`${soon}T23:59:59.999Z`);
  });

  it("validates every setting with a message on its field", async () => {
    const owner = await ownerContext();
    const error = await createApiKey(owner, {
      name: "",
      scopes: [],
      expires_on: "2001-01-01",
      ip_allowlist: "10.0.0.0/33, banana",
      rate_limit_per_minute: 100,
      rate_limit_per_hour: 10,
    }).catch((e) => e);
    const fields = Object.fromEntries(error.issues.map((i: { path: string[]; message: string }) => [i.path[0], i.message]));
    expect(fields).toMatchObject({
      name: "Give the key a name.",
      scopes: "Choose at least one scope.",
      expires_on: "Choose a date in the future.",
      ip_allowlist: "Not an IP address or CIDR: 10.0.0.0/33, banana",
    });
  });

  it("keeps tenants apart and lets only owners manage keys", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const { id } = await createApiKey(acme, { name: "CI", ...all });
    await expect(revokeApiKey(globex, { id })).rejects.toMatchObject({ code: "not_found" });
    await expect(rotateApiKey(globex, { id })).rejects.toMatchObject({ code: "not_found" });
    expect(await listApiKeys(globex)).toEqual([]);
    await expect(createApiKey(withRole(acme, "admin"), { name: "x", ...all })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("API key usage by hour", () => {
  it("charts requests and 429s per hour for the last day", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI", scopes: [...SCOPES], rate_limit_per_minute: 2, rate_limit_per_hour: 100 });
    const { consumeKeyLimits } = await import("@/lib/api-keys/limits");
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      const auth = await authenticateApiKey(key, null, now);
      if (auth.ok) await consumeKeyLimits(auth.key, now);
    }
    await flushKeyUsage();
    const [listed] = await listApiKeysWithUsage(owner, now);
    expect(listed?.id).toBe(id);
    expect(listed?.usage).toHaveLength(24);
    expect(listed?.usage.at(-1)).toMatchObject({ requests: 3, rateLimited: 1 });
    expect(listed?.usage.slice(0, -1).every((h) => h.requests === 0)).toBe(true);
  });

  it("shows a key's week hour by hour, with when and from which address it was last used", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI", scopes: ["integrations:read"] });
    const earlier = new Date(Date.now() - 3 * 3600 * 1000);
    const now = new Date();
    await authenticateApiKey(key, "198.51.100.4", earlier);
    await authenticateApiKey(key, "203.0.113.7", now);
    await flushKeyUsage();
    await authenticateApiKey(key, "192.0.2.1", earlier);
    await flushKeyUsage();
    const detail = await getApiKeyWithUsage(owner, id, now);
    expect(detail).toMatchObject({ lastUsedAt: now, lastUsedIp: "203.0.113.7", totalRequests: 3 });
    expect(detail.usage).toHaveLength(7 * 24);
    expect(detail.usage.at(-1)!.requests).toBe(1);
    expect(detail.usage.at(-4)!.requests).toBe(2);
  });
});

describe("API key names on screen", () => {
  it("name the old key of a rotation with the end of its grace period", async () => {
    const owner = await ownerContext();
    const old = await createApiKey(owner, { name: "CI pipeline", scopes: ["integrations:read"] });
    await rotateApiKey(owner, { id: old.id, grace_period_hours: 2 }, new Date("2030-01-01T10:00:00Z"));
    const labels = (await listApiKeys(owner, new Date("2030-01-01T10:30:00Z"))).map(keyLabel);
    expect(labels.sort()).toEqual(["CI pipeline", "CI pipeline (old, valid until 2030-01-01 12:00 UTC)"]);
  });
});
