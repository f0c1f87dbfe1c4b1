import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys, outboxEvents } from "@/db/schema";
import { authenticateApiKey, createApiKey, revokeApiKey, SCOPES } from "@/lib/api-keys";
import { consumeKeyLimits } from "@/lib/api-keys/limits";
import { apiRoute, UNAUTHENTICATED_PER_IP } from "@/lib/api/handler";
import { ownerContext, stopTheClock } from "@/tests/fixtures";
import { GET } from "./route";

const call = (handler: typeof GET, authorization?: string, ip = "127.0.0.1") =>
  handler(new Request("http://localhost/api/v1/me", { headers: { "x-forwarded-for": ip, ...(authorization ? { authorization } : {}) } }), {
    params: Promise.resolve({}),
  });

describe("GET /api/v1/me", () => {
  it("answers the key's tenant and name, with rate limit headers", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Deploy", scopes: ["integrations:read"] });
    const res = await call(GET, `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tenant: { slug: "acme" }, api_key: { name: "Deploy" } });
    expect(res.headers.get("ratelimit-limit")).toBe("600");
    expect(res.headers.get("ratelimit-remaining")).toBe("599");
  });

  it("answers 401 with one body for missing, malformed, unknown, revoked and expired keys", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "Deploy", scopes: [...SCOPES] });
    await revokeApiKey(owner, { id });
    const expired = await createApiKey(owner, { name: "Old", scopes: [...SCOPES] });
    await db()
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(apiKeys.id, expired.id));
    const bodies = new Set<string>();
    for (const header of [
      undefined,
      "Basic abc",
      "Bearer nonsense",
      `Bearer pb_live_${"x".repeat(38)}`,
      `Bearer ${key}`,
      `Bearer ${expired.key}`,
    ]) {
      const res = await call(GET, header);
      expect(res.status, header).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toMatchObject({ error: { code: "unauthorized" } });
  });
});

describe("/api/v1 route guard", () => {
  const writeRoute = apiRoute("integrations:write", async () => ({ written: true }));

  it("answers 403 naming the missing scope, and 403 from an address outside the allowlist", async () => {
    const owner = await ownerContext();
    const reader = await createApiKey(owner, { name: "Reader", scopes: ["integrations:read"] });
    const res = await call(writeRoute, `Bearer ${reader.key}`);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe("This API key lacks the scope integrations:write.");

    const fenced = await createApiKey(owner, { name: "Fenced", scopes: ["integrations:write"], ip_allowlist: "192.0.2.0/24" });
    expect((await call(writeRoute, `Bearer ${fenced.key}`, "192.0.2.10")).status).toBe(200);
    const outside = await call(writeRoute, `Bearer ${fenced.key}`, "198.51.100.1");
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.message).toContain("198.51.100.1");
  });

  it("answers 429 with Retry-After once the per-minute limit is spent, and raises one event", async () => {
    stopTheClock();
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, {
      name: "Tight",
      scopes: ["integrations:write"],
      rate_limit_per_minute: 2,
      rate_limit_per_hour: 100,
    });
    expect((await call(writeRoute, `Bearer ${key}`)).status).toBe(200);
    const last = await call(writeRoute, `Bearer ${key}`);
    expect(last.status).toBe(200);
    expect(last.headers.get("ratelimit-remaining")).toBe("0");
    for (let i = 0; i < 2; i++) {
      const limited = await call(writeRoute, `Bearer ${key}`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect((await limited.json()).error.code).toBe("rate_limited");
    }
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "api_key.rate_limited"));
    expect(events).toHaveLength(1);
  });

  it("allows the key again once the window resets", async () => {
    const owner = await ownerContext();
    const { key: secret } = await createApiKey(owner, {
      name: "Tight",
      scopes: ["integrations:read"],
      rate_limit_per_minute: 1,
      rate_limit_per_hour: 100,
    });
    const auth = await authenticateApiKey(secret, null);
    if (!auth.ok) throw new Error("key should authenticate");
    const t0 = new Date("2026-11-23T10:00:10Z");
    expect((await consumeKeyLimits(auth.key, t0)).allowed).toBe(true);
    expect((await consumeKeyLimits(auth.key, new Date(t0.getTime() + 20_000))).allowed).toBe(false);
    expect((await consumeKeyLimits(auth.key, new Date(t0.getTime() + 60_000))).allowed).toBe(true);
  });
});

describe("unauthenticated callers", () => {
  it("stops an address that keeps presenting bad keys, without affecting others", async () => {
    stopTheClock();
    await ownerContext();
    const guess = `Bearer pb_live_${"x".repeat(38)}`;
    for (let i = 0; i < UNAUTHENTICATED_PER_IP.limit; i++) expect((await call(GET, guess, "203.0.113.9")).status).toBe(401);
    const stopped = await call(GET, guess, "203.0.113.9");
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(GET, guess, "203.0.113.10")).status).toBe(401);
  });

  it("lets exactly the limit through when requests arrive at once", async () => {
    const owner = await ownerContext();
    const { key: secret } = await createApiKey(owner, {
      name: "Burst",
      scopes: ["integrations:read"],
      rate_limit_per_minute: 5,
      rate_limit_per_hour: 100,
    });
    const auth = await authenticateApiKey(secret, null);
    if (!auth.ok) throw new Error("key should authenticate");
    const now = new Date("2026-11-23T10:00:10Z");
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => consumeKeyLimits(auth.key, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });
});
