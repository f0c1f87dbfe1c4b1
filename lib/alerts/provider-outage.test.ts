import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { providerIncidents } from "@/db/schema";
import { checkIntegrationNow } from "@/lib/health";
import { createIntegration } from "@/lib/integrations";
import type { TenantContext } from "@/lib/tenancy/context";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { listNotifications, listOpenIncidents, providerOutagesFor } from "./index";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();

/** A Stripe-like API on loopback answering /v1/balance with whatever `status()` says now. */
async function stripeAt(status: () => number) {
  return peer((_req, res) => {
    const code = status();
    res.writeHead(code, { "content-type": "application/json" }).end(code === 200 ? '{"available":[]}' : '{"error":{"message":"nope"}}');
  });
}

async function stripeIntegration(owner: TenantContext, base: string) {
  return createIntegration(owner, {
    name: `Stripe ${owner.tenant.slug}`,
    provider: "stripe",
    auth_type: "api_key",
    base_url: base,
    credentials: { api_key: "sk_test_4eC39HqLyjWDarjtT1zdp7dc" },
    config: { status_endpoint: "/v1/balance", polling_interval_seconds: 60, retry_count: 0 },
  });
}

/** Three failed checks take an integration to DOWN; the outbox is dispatched after each, as the pump does. */
async function failThreeTimes(owner: TenantContext, id: string) {
  for (let i = 0; i < 3; i++) {
    await checkIntegrationNow(owner, id);
    await dispatchOutbox();
  }
}

const subjects = async (owner: TenantContext) => (await listNotifications(owner)).data.map((n) => n.subject).reverse();

describe("provider outage detection", () => {
  it("opens one provider incident when two tenants' Stripe integrations get 5xx at once, while a 401 on a third stays a credential alert", async () => {
    const a = await ownerContext("alpha");
    const b = await ownerContext("bravo");
    const c = await ownerContext("charlie");
    let outage = 503;
    const down = await stripeAt(() => outage);
    const refused = await stripeAt(() => 401);
    const ia = await stripeIntegration(a, down);
    const ib = await stripeIntegration(b, down);
    const ic = await stripeIntegration(c, refused);

    await failThreeTimes(a, ia.id);
    expect(await subjects(a)).toEqual(["Stripe alpha is DOWN"]);
    expect(await db().select().from(providerIncidents)).toHaveLength(0);

    await failThreeTimes(c, ic.id);
    const [credential] = await listOpenIncidents(c);
    expect(credential).toMatchObject({ title: "Stripe charlie refuses its credentials", provider_incident: false });
    expect(credential!.summary).toContain("answered 401");
    expect(credential!.summary).toContain("replace the API key");
    expect(await db().select().from(providerIncidents)).toHaveLength(0);

    await failThreeTimes(b, ib.id);
    const incidents = await db().select().from(providerIncidents);
    expect(incidents).toMatchObject([{ provider: "stripe", state: "open" }]);
    expect(await subjects(b)).toEqual(["Stripe looks down"]);
    expect((await listNotifications(b)).data[0]!.body).toContain("Stripe looks down, not your credentials");
    // The tenant alerted first is told it is the provider, as an update of its incident.
    expect(await subjects(a)).toEqual(["Stripe alpha is DOWN", "Update: Stripe looks down"]);
    // The credential problem is untouched by the outage.
    expect(await subjects(c)).toEqual(["Stripe charlie refuses its credentials"]);

    // Each tenant sees the outage through its own integrations only.
    expect(await providerOutagesFor(a)).toEqual([
      expect.objectContaining({ provider_name: "Stripe", integrations: [{ id: ia.id, name: "Stripe alpha", health_status: "DOWN" }] }),
    ]);
    expect((await providerOutagesFor(b))[0]!.integrations.map((i) => i.id)).toEqual([ib.id]);
    expect(await providerOutagesFor(c)).toEqual([]);

    outage = 200;
    for (const [owner, id] of [
      [a, ia.id],
      [b, ib.id],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        await checkIntegrationNow(owner, id);
        await dispatchOutbox();
      }
    }
    expect(await subjects(a)).toEqual(["Stripe alpha is DOWN", "Update: Stripe looks down", "Resolved: Stripe alpha recovered"]);
    expect((await db().select().from(providerIncidents))[0]).toMatchObject({ state: "resolved" });
    expect(await providerOutagesFor(a)).toEqual([]);
  });
});
