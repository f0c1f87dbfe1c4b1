import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey, rotateApiKey, updateApiKey } from "@/lib/api-keys";
import { flushKeyUsage } from "@/lib/api-keys/usage";
import { env } from "@/lib/env";
import { ownerContext } from "@/tests/fixtures";
import { spawnInstance } from "@/tests/peers/instance";

const read = { scopes: ["integrations:read" as const] };
// Several app instances need a shared PostgreSQL; the embedded database admits one process.
const sharedDatabase = Boolean(env().databaseUrl);

describe("API key auth cache", () => {
  it("serves a key it has seen for a few seconds, then looks it up again", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI", ...read });
    const now = new Date();
    expect(await authenticateApiKey(key, null, now)).toMatchObject({ ok: true });
    // A change made behind the services' back (no notification) is seen once the entry ages out.
    await db().update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
    expect(await authenticateApiKey(key, null, new Date(now.getTime() + 1_000))).toMatchObject({ ok: true });
    expect(await authenticateApiKey(key, null, new Date(now.getTime() + 6_000))).toEqual({ ok: false, status: 401 });
  });

  it("refuses a revoked key on the very next call in the instance that revoked it", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI", ...read });
    const now = new Date();
    expect(await authenticateApiKey(key, null, now)).toMatchObject({ ok: true });
    await revokeApiKey(owner, { id });
    expect(await authenticateApiKey(key, null, now)).toEqual({ ok: false, status: 401 });
  });

  it("ends a rotated key's life at the end of its grace period even while it is cached", async () => {
    const owner = await ownerContext();
    const old = await createApiKey(owner, { name: "CI", ...read });
    const now = new Date();
    expect(await authenticateApiKey(old.key, null, now)).toMatchObject({ ok: true });
    const rotated = await rotateApiKey(owner, { id: old.id, grace_period_hours: 0 }, now);
    expect(await authenticateApiKey(old.key, null, now)).toEqual({ ok: false, status: 401 });
    expect(await authenticateApiKey(rotated.key, null, now)).toMatchObject({ ok: true });
  });

  it("still counts every call served from memory", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "CI", ...read });
    const now = new Date();
    for (let i = 0; i < 5; i++) await authenticateApiKey(key, null, now);
    await flushKeyUsage();
    expect((await listApiKeys(owner))[0]).toMatchObject({ totalRequests: 5, lastUsedAt: now });
  });

  it.runIf(sharedDatabase)(
    "another instance refuses a key revoked here once the change notification reaches it",
    async () => {
      const owner = await ownerContext();
      const { key, id } = await createApiKey(owner, { name: "CI", ...read });
      const peer = spawnInstance("tests/peers/key-cache-instance.ts", [key, "15000"]);
      let output = "";
      const ready = new Promise<void>((resolve) =>
        peer.stdout.on("data", (chunk) => (output += chunk) && output.includes("ready") && resolve()),
      );
      const exited = new Promise((resolve) => peer.on("exit", resolve));
      await ready;
      await revokeApiKey(owner, { id });
      await exited;
      expect(output.trim().split("\n")).toEqual(["ready", "refused"]);
    },
    60_000,
  );

  it.runIf(sharedDatabase)(
    "another instance applies an edit made here (a narrowed IP allowlist) once the change notification reaches it",
    async () => {
      const owner = await ownerContext();
      const { key, id } = await createApiKey(owner, { name: "CI", ...read });
      const peer = spawnInstance("tests/peers/key-cache-instance.ts", [key, "15000"]);
      let output = "";
      const ready = new Promise<void>((resolve) =>
        peer.stdout.on("data", (chunk) => (output += chunk) && output.includes("ready") && resolve()),
      );
      const exited = new Promise((resolve) => peer.on("exit", resolve));
      await ready;
      await updateApiKey(owner, id, { ip_allowlist: "203.0.113.0/24" });
      await exited;
      expect(output.trim().split("\n")).toEqual(["ready", "refused"]);
    },
    60_000,
  );
});
