import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { tenantAction, tenantQuery } from "./action";
import { toActionError } from "./action-error";
import { AppError, conflict } from "./errors";
import type { TenantContext } from "./tenancy/context";

// The page refresh is Next's (it only works inside a real server action) and the session is
// next-auth's; both are stood in for so the wrapper's own decisions can be watched.
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));
const member = vi.hoisted(() => ({ role: "admin" as TenantContext["role"] }));
vi.mock("@/lib/auth/session", () => ({
  requireTenantContext: async (slug: string): Promise<TenantContext> => ({
    tenant: { id: "00000000-0000-4000-8000-000000000001", slug, name: "Acme" },
    role: member.role,
    actor: { type: "user", id: "u1", label: "admin@example.test" },
  }),
}));

beforeEach(() => {
  revalidatePath.mockClear();
  member.role = "admin";
});

describe("tenantAction", () => {
  it("refreshes the page once after a change succeeds, so the admin sees it without reloading", async () => {
    const rename = tenantAction("admin", async (ctx, input: { name: string }) => ({ tenant: ctx.tenant.slug, name: input.name }));
    await expect(rename("acme", { name: "Billing" })).resolves.toEqual({ ok: true, data: { tenant: "acme", name: "Billing" } });
    expect(revalidatePath).toHaveBeenCalledTimes(1);
    expect(revalidatePath).toHaveBeenCalledWith("/t/acme", "layout");
  });

  it("leaves the page as it is when the change is refused", async () => {
    const refused = tenantAction("admin", async () => {
      throw conflict("That name is taken.", { name: "That name is taken." });
    });
    await expect(refused("acme", {})).resolves.toMatchObject({ ok: false, error: "That name is taken." });

    member.role = "viewer";
    const change = vi.fn();
    await expect(tenantAction("admin", change)("acme", {})).resolves.toMatchObject({ ok: false });
    expect(change).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("tenantQuery", () => {
  it("answers a live view's poll without re-rendering the page around it", async () => {
    member.role = "viewer";
    const read = tenantQuery("viewer", async () => ({ counts: 3 }));
    await expect(read("acme", null)).resolves.toEqual({ ok: true, data: { counts: 3 } });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("server action errors", () => {
  it("turns a schema failure into messages on the fields", () => {
    const error = z.object({ email: z.email("Enter a valid email address.") }).safeParse({ email: "nope" }).error;
    expect(toActionError(error)).toEqual({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: { email: "Enter a valid email address." },
    });
  });

  it("passes a service's own refusal through with its fields", () => {
    expect(toActionError(new AppError("conflict", "Already a member.", { email: "Taken" }))).toEqual({
      ok: false,
      error: "Already a member.",
      fieldErrors: { email: "Taken" },
    });
  });

  it("keeps unexpected errors on the server and gives a generic message", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = toActionError(new Error("connection to 10.0.0.5 refused: password=hunter2"));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(log).toHaveBeenCalledOnce();
  });
});
