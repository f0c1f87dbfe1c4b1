import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, integrations, outboxEvents } from "@/db/schema";
import { ownerContext, withRole } from "@/tests/fixtures";
import { oauthProfile } from "@/lib/oauth/settings";
import { decryptCredentials } from "./credentials";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  replaceCredentials,
  setIntegrationEnabled,
  updateIntegration,
} from "./index";

const SECRET = "sk_test_51Hxyz0000abcdefgh4242";
const stripe = { name: "Stripe live", provider: "stripe", auth_type: "api_key" as const, credentials: { api_key: SECRET } };

describe("integrations", () => {
  it("stores credentials encrypted and answers only a masked hint", async () => {
    const owner = await ownerContext();
    const created = await createIntegration(owner, stripe);
    expect(created).toMatchObject({
      provider: "stripe",
      base_url: "https://api.stripe.com",
      status: "enabled",
      health_status: "UNKNOWN",
      connection_status: "pending",
      has_credentials: true,
      credentials_hint: "••••4242",
      config: { polling_interval_seconds: 30, timeout_seconds: 10, retry_count: 2, update_method: "polling" },
      usage: { total_requests: 0, failed_requests: 0, success_rate: null, by_source: {} },
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);

    const [row] = await db().select().from(integrations).where(eq(integrations.id, created.id));
    expect(row!.credentials).toMatch(/^pbenc:v1:/);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(SECRET).toString("base64"));
    expect(decryptCredentials(row!)).toEqual({ api_key: SECRET });

    const copied = { ...row!, id: (await createIntegration(owner, { ...stripe, name: "Other", credentials: undefined })).id };
    expect(() => decryptCredentials(copied)).toThrow(/could not be decrypted/);
  });

  it("writes an audit event and an outbox event for each change, without the secret", async () => {
    const owner = await ownerContext();
    const { id } = await createIntegration(owner, stripe);
    await updateIntegration(owner, id, { name: "Stripe EU", config: { timeout_seconds: 30 } });
    await replaceCredentials(owner, id, { auth_type: "api_key", credentials: { api_key: "sk_test_replaced_99998888" } });
    await deleteIntegration(owner, id);

    const outbox = await db().select().from(outboxEvents).orderBy(outboxEvents.createdAt);
    expect(outbox.map((e) => e.type)).toEqual(["integration.created", "integration.updated", "integration.updated", "integration.deleted"]);
    expect(outbox[0]!.payload).toMatchObject({ id, name: "Stripe live", provider: "stripe" });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(audit.map((e) => e.action).sort()).toEqual([
      "integration.created",
      "integration.deleted",
      "integration.updated",
      "integration.updated",
    ]);
    expect(audit.every((e) => e.actorId === owner.userId)).toBe(true);
    const everything = JSON.stringify([outbox, audit]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("sk_test_replaced_99998888");
  });

  it("a patch's null removes a saved config key, as in a JSON merge patch", async () => {
    const owner = await ownerContext();
    const { id } = await createIntegration(owner, {
      ...stripe,
      config: { status_endpoint: "/v1/products", status_path: "$.data[*].status", status_mapping: { sold: ["archived"] }, retry_count: 4 },
    });
    const patched = await updateIntegration(owner, id, { config: { status_endpoint: null, status_mapping: null, timeout_seconds: 5 } });
    expect(patched.config).toEqual({
      status_path: "$.data[*].status",
      retry_count: 4,
      timeout_seconds: 5,
      update_method: "polling",
      polling_interval_seconds: 30,
    });
    const [row] = await db().select().from(integrations).where(eq(integrations.id, id));
    expect(row!.config).toEqual({ status_path: "$.data[*].status", retry_count: 4, timeout_seconds: 5 });
  });

  it("patches settings, merges config, replaces credentials write-only, and enables/disables", async () => {
    const owner = await ownerContext();
    const { id } = await createIntegration(owner, { ...stripe, config: { retry_count: 4, status_path: "$.units[*].status" } });
    const patched = await updateIntegration(owner, id, { environment: "sandbox", config: { timeout_seconds: 5 } });
    expect(patched).toMatchObject({
      environment: "sandbox",
      config: { retry_count: 4, timeout_seconds: 5, status_path: "$.units[*].status" },
    });

    const replaced = await replaceCredentials(owner, id, { auth_type: "api_key", credentials: { api_key: "rk_live_zzzzzzzz7777" } });
    expect(replaced.credentials_hint).toBe("••••7777");
    const [row] = await db().select().from(integrations).where(eq(integrations.id, id));
    expect(decryptCredentials(row!)).toEqual({ api_key: "rk_live_zzzzzzzz7777" });

    expect((await setIntegrationEnabled(owner, id, false)).status).toBe("disabled");
    expect((await getIntegration(owner, id)).status).toBe("disabled");
    await expect(updateIntegration(owner, id, { auth_type: "bearer", credentials: { token: "t" } })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { auth_type: "Stripe supports api_key." },
    });
    await expect(updateIntegration(owner, id, { credentials: { token: "t" } })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("keeps tenants apart: another tenant's integration is not found, exactly like a missing one", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const { id } = await createIntegration(acme, stripe);
    for (const attempt of [
      () => getIntegration(globex, id),
      () => updateIntegration(globex, id, { name: "mine" }),
      () => replaceCredentials(globex, id, { auth_type: "api_key", credentials: { api_key: "x" } }),
      () => deleteIntegration(globex, id),
      () => getIntegration(acme, "00000000-0000-4000-8000-000000000000"),
      () => getIntegration(acme, "not-a-uuid"),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "not_found", message: "Integration not found" });
    }
    expect((await listIntegrations(globex)).data).toEqual([]);
    expect((await getIntegration(acme, id)).name).toBe("Stripe live");
  });

  it("lets viewers read but not change, and refuses a duplicate name on the name field", async () => {
    const owner = await ownerContext();
    const viewer = withRole(owner, "viewer");
    const { id } = await createIntegration(owner, stripe);
    expect((await getIntegration(viewer, id)).id).toBe(id);
    await expect(createIntegration(viewer, { ...stripe, name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteIntegration(viewer, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createIntegration(owner, stripe)).rejects.toMatchObject({ code: "conflict", fields: { name: expect.any(String) } });
    const other = await createIntegration(owner, { ...stripe, name: "Second" });
    await expect(updateIntegration(owner, other.id, { name: "Stripe live" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("searches, filters, sorts and pages through the list", async () => {
    const owner = await ownerContext();
    const make = (name: string, provider: string, extra: Record<string, unknown> = {}) =>
      createIntegration(owner, { name, provider, auth_type: "bearer", credentials: { token: "tok-123456789" }, ...extra } as never);
    await make("Alpha GitHub", "github");
    await make("Beta Slack", "slack", { environment: "sandbox" });
    await make("Gamma HubSpot", "hubspot");
    const delta = await make("Delta GitHub", "github");
    await setIntegrationEnabled(owner, delta.id, false);

    const names = async (query: Parameters<typeof listIntegrations>[1]) => (await listIntegrations(owner, query)).data.map((i) => i.name);
    expect(await names({ sort: "name" })).toEqual(["Alpha GitHub", "Beta Slack", "Delta GitHub", "Gamma HubSpot"]);
    expect(await names({ q: "github", sort: "name" })).toEqual(["Alpha GitHub", "Delta GitHub"]);
    expect(await names({ q: "hubspot" })).toEqual(["Gamma HubSpot"]);
    expect(await names({ category: "crm" })).toEqual(["Gamma HubSpot"]);
    expect(await names({ environment: "sandbox" })).toEqual(["Beta Slack"]);
    expect(await names({ status: "disabled" })).toEqual(["Delta GitHub"]);
    expect(await names({ health: "unknown", provider: "slack" })).toEqual(["Beta Slack"]);
    expect(await names({ q: "100%_" })).toEqual([]);

    for (const sort of ["-name", "created_at", "-created_at"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listIntegrations(owner, { sort, limit: 3, cursor });
        seen.push(...page.data.map((i) => i.name));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen, sort).toEqual(await names({ sort, limit: 100 }));
      expect(new Set(seen).size).toBe(4);
    }
    await expect(listIntegrations(owner, { cursor: "garbage" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("the sandbox environment", () => {
  const paypal = {
    provider: "paypal",
    auth_type: "oauth2" as const,
    credentials: { client_id: "sandbox-client", client_secret: "sandbox-secret-0000" },
  };
  const rowOf = async (id: string) => (await db().select().from(integrations).where(eq(integrations.id, id)))[0]!;

  it("gives a sandbox PayPal integration PayPal's sandbox host and token endpoint, unless the admin names another host", async () => {
    const owner = await ownerContext();
    const sandbox = await createIntegration(owner, { ...paypal, name: "PayPal test", environment: "sandbox" });
    expect(sandbox.base_url).toBe("https://api-m.sandbox.paypal.com");
    expect(oauthProfile(await rowOf(sandbox.id))).toMatchObject({
      authorizeUrl: "https://www.sandbox.paypal.com/signin/authorize",
      tokenUrl: "https://api-m.sandbox.paypal.com/v1/oauth2/token",
    });

    const live = await createIntegration(owner, { ...paypal, name: "PayPal live" });
    expect(live.base_url).toBe("https://api-m.paypal.com");
    expect(oauthProfile(await rowOf(live.id))?.tokenUrl).toBe("https://api-m.paypal.com/v1/oauth2/token");

    const own = await createIntegration(owner, {
      ...paypal,
      name: "PayPal via proxy",
      environment: "sandbox",
      base_url: "https://paypal-proxy.example.com",
    });
    expect(own.base_url).toBe("https://paypal-proxy.example.com");

    // Moving between environments moves a default host along; a chosen one stays.
    expect((await updateIntegration(owner, live.id, { environment: "sandbox" })).base_url).toBe("https://api-m.sandbox.paypal.com");
    expect((await updateIntegration(owner, live.id, { environment: "production" })).base_url).toBe("https://api-m.paypal.com");
    expect((await updateIntegration(owner, own.id, { environment: "production" })).base_url).toBe("https://paypal-proxy.example.com");
  });

  it("keeps Stripe's one host in the sandbox: test mode there is a test key", async () => {
    const owner = await ownerContext();
    const created = await createIntegration(owner, { ...stripe, name: "Stripe test", environment: "sandbox" });
    expect(created.base_url).toBe("https://api.stripe.com");
  });
});
