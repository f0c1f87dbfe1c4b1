import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys, auditEvents } from "@/db/schema";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys";
import { sha256Hex } from "@/lib/crypto/hash";
import { ownerContext, withRole } from "@/tests/fixtures";

describe("API keys", () => {
  it("stores only a prefix and a hash, and the key authenticates as its tenant", async () => {
    const owner = await ownerContext();
    const created = await createApiKey(owner, { name: "CI" });
    expect(created.key).toMatch(/^pb_live_[0-9A-Za-z]{40}$/);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.hash).toBe(sha256Hex(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(created.key.startsWith(row!.prefix)).toBe(true);

    const auth = await authenticateApiKey(created.key);
    expect(auth).toMatchObject({ keyName: "CI", tenant: { slug: "acme" } });
    const [used] = await listApiKeys(owner);
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, "api_key.created"));
    expect(JSON.stringify(audit)).not.toContain(created.key);
  });

  it("refuses a key that is altered, unknown or revoked", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "CI" });
    const altered = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    expect(await authenticateApiKey(altered)).toBeNull();
    expect(await authenticateApiKey("pb_live_short")).toBeNull();
    await revokeApiKey(owner, { id });
    expect(await authenticateApiKey(key)).toBeNull();
  });

  it("keeps tenants apart and lets only owners manage keys", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const { id } = await createApiKey(acme, { name: "CI" });
    await expect(revokeApiKey(globex, { id })).rejects.toMatchObject({ code: "not_found" });
    expect(await listApiKeys(globex)).toEqual([]);
    await expect(createApiKey(withRole(acme, "admin"), { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(acme, { name: "  " })).rejects.toMatchObject({ name: "ZodError" });
  });
});
