import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { createIntegration } from "@/lib/integrations";
import { createEndpoint } from "@/lib/webhooks";
import { ownerContext, withRole } from "@/tests/fixtures";
import { paletteEntries } from "./palette";

describe("command palette entries", () => {
  it("lists the tenant's integrations, endpoints and live keys by name, for a viewer too, and nothing of another tenant", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const books = await createIntegration(acme, {
      name: "Books",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://books.example.com",
    });
    await createIntegration(globex, { name: "Other books", provider: "custom_rest", auth_type: "none", base_url: "https://x.example.com" });
    const endpoint = await createEndpoint(acme, { url: "https://erp.example.com/hooks", description: "ERP" });
    const kept = await createApiKey(acme, { name: "Deploy", scopes: ["integrations:read"] });
    const revoked = await createApiKey(acme, { name: "Old", scopes: ["integrations:read"] });
    await revokeApiKey(acme, { id: revoked.id });

    const entries = await paletteEntries(withRole(acme, "viewer"));
    expect(entries.integrations).toEqual([{ id: books.id, name: "Books" }]);
    expect(entries.endpoints).toEqual([{ id: endpoint.id, url: "https://erp.example.com/hooks", description: "ERP" }]);
    expect(entries.apiKeys).toEqual([{ id: kept.id, name: "Deploy" }]);
  });
});
