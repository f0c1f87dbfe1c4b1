import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rowsOf, type Db } from "@/db/client";
import { integrations, webhookEndpoints } from "@/db/schema";
import { createIntegration, updateIntegration } from "@/lib/integrations";
import { createEndpoint } from "@/lib/webhooks";
import { ownerContext } from "@/tests/fixtures";
import { isUuid, loadOwned, withSystem, withTenant } from "./data";

async function tenantSetting(handle: Db): Promise<string | null> {
  const [row] = rowsOf<{ tenant: string | null }>(await handle.execute(sql`select current_setting('app.tenant_id', true) as tenant`));
  return row?.tenant || null;
}

async function shop(slug: string, environment: "production" | "sandbox" = "production") {
  const owner = await ownerContext(slug);
  const integration = await createIntegration(owner, {
    name: `Shop ${environment}`,
    provider: "custom_rest",
    environment,
    auth_type: "none",
    base_url: "https://shop.example.com",
  });
  return { owner, integration };
}

describe("tenant data seam", () => {
  it("runs tenant work in a transaction that carries app.tenant_id, and only that transaction", async () => {
    const { owner } = await shop("acme");
    expect(await withTenant(owner, (tx) => tenantSetting(tx))).toBe(owner.tenant.id);
    expect(await tenantSetting(db())).toBeNull();
  });

  it("runs cross-tenant work as patchbay_system, which row-level security lets through to every tenant", async () => {
    await shop("acme");
    await shop("globex");
    const seen = await withSystem("sync scheduler", async (sys) => {
      const [role] = rowsOf<{ role: string }>(await sys.execute(sql`select current_user as role`));
      const [inTx] = await sys.transaction(async (tx) => rowsOf<{ role: string }>(await tx.execute(sql`select current_user as role`)));
      return { role: role!.role, inTx: inTx!.role, rows: (await sys.select({ id: integrations.id }).from(integrations)).length };
    });
    expect(seen).toEqual({ role: "patchbay_system", inTx: "patchbay_system", rows: 2 });
    // Tenant work after it is back to its own role and rows.
    const { owner } = await shop("initech");
    expect(await withTenant(owner, async (tx) => (await tx.select().from(integrations)).length)).toBe(1);
  });

  it("joins an enclosing transaction of the same tenant (a savepoint) and refuses another tenant's", async () => {
    const { owner, integration } = await shop("acme");
    const { owner: other } = await shop("globex");
    const inner = await withTenant(owner, async (tx) => {
      await tx
        .update(integrations)
        .set({ name: "Renamed inside" })
        .where(sql`${integrations.id} = ${integration.id}`);
      // A service called inside sees the outer transaction's uncommitted write: it runs in it.
      return withTenant(owner, async () => (await loadOwned(integrations, owner, integration.id, { lock: true })).name);
    });
    expect(inner).toBe("Renamed inside");
    await expect(withTenant(owner, () => withTenant(other, async () => 1))).rejects.toThrow(/another tenant/);
    // A service that opens its own transaction inside one still completes (PGlite has one connection).
    await withTenant(owner, () => updateIntegration(owner, integration.id, { name: "Renamed by a service" }));
    expect((await loadOwned(integrations, owner, integration.id)).name).toBe("Renamed by a service");
  });

  it("loads only the scope's rows, with one 404 for malformed, foreign and missing ids", async () => {
    const { owner, integration } = await shop("acme");
    const { owner: other } = await shop("globex");
    const endpoint = await createEndpoint(owner, { url: "https://erp.example.com/hooks" });
    expect((await loadOwned(webhookEndpoints, owner, endpoint.id)).url).toBe("https://erp.example.com/hooks");
    const answers = await Promise.all(
      [
        loadOwned(integrations, other, integration.id),
        loadOwned(integrations, owner, "not-a-uuid"),
        loadOwned(integrations, owner, crypto.randomUUID()),
        loadOwned(webhookEndpoints, other, endpoint.id),
        // A test-mode key sees sandbox integrations only.
        loadOwned(integrations, { ...owner, sandboxOnly: true }, integration.id),
      ].map((p) =>
        p.then(
          () => "found",
          (e: Error) => e.message,
        ),
      ),
    );
    expect(answers).toEqual([
      "Integration not found",
      "Integration not found",
      "Integration not found",
      "Webhook endpoint not found",
      "Integration not found",
    ]);
    await expect(loadOwned(integrations, owner, integration.id, { lock: true })).rejects.toThrow(/withTenant/);
    expect(isUuid(integration.id)).toBe(true);
    expect(isUuid(`${integration.id}x`)).toBe(false);
  });
});
