import { describe, expect, it, vi } from "vitest";
import { createIntegration, listIntegrations } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { tenantAction } from "./action";

vi.mock("@/lib/auth/session", () => ({ requireTenantContext: () => ownerContext() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe("server action input", () => {
  it("answers a field message for NUL or a lone surrogate anywhere in the input, before the service writes", async () => {
    const create = tenantAction("admin", createIntegration);
    const base = { name: "Box office", provider: "custom_rest", auth_type: "bearer", base_url: "https://tickets.example.com" } as const;
    expect(await create("acme", { ...base, name: "Box\u0000office" })).toEqual({
      ok: false,
      error: expect.any(String),
      fieldErrors: { name: expect.stringContaining("NUL") },
    });
    expect(await create("acme", { ...base, credentials: { token: "tok\ud800en" } })).toMatchObject({
      ok: false,
      fieldErrors: { "credentials.token": expect.any(String) },
    });
    expect((await listIntegrations(await ownerContext())).data).toEqual([]);
  });
});
