import { describe, expect, it } from "vitest";
import { createIntegration, replaceCredentials, updateIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { credentialsLastReplaced } from "./credentials-history";

describe("credentialsLastReplaced", () => {
  it("is the creation until the secret is replaced, and other edits do not move it", async () => {
    const owner = await ownerContext();
    const created = await createIntegration(owner, {
      name: "ERP",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://erp.example.test",
      credentials: { token: "first-token-0000-4242" },
    });
    const first = await credentialsLastReplaced(owner, created.id);
    expect(first).toMatchObject({ by: "owner@acme.test" });

    await updateIntegration(owner, created.id, { name: "ERP (prod)" });
    expect(await credentialsLastReplaced(owner, created.id)).toEqual(first);

    await replaceCredentials(owner, created.id, { auth_type: "bearer", credentials: { token: "second-token-0000-4242" } });
    const second = await credentialsLastReplaced(owner, created.id);
    expect(second!.at.getTime()).toBeGreaterThanOrEqual(first!.at.getTime());
    expect(second).not.toEqual(first);
  });
});
