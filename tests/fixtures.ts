import { vi } from "vitest";
import { bootstrap, findMembership, type TenantContext } from "@/lib/tenancy";
import type { Role } from "@/lib/tenancy/roles";

export const PASSWORD = "correct-horse-42";

/** A tenant with an owner, and a context acting as that owner, built through the production services. */
export async function ownerContext(slug = "acme", email = `owner@${slug}.test`): Promise<TenantContext> {
  const { userId } = await bootstrap({ tenantSlug: slug, tenantName: slug.toUpperCase(), email, password: PASSWORD });
  return contextFor(userId, slug, email);
}

export async function contextFor(userId: string, slug: string, email: string): Promise<TenantContext> {
  const membership = await findMembership(userId, slug);
  if (!membership) throw new Error(`${email} is not a member of ${slug}`);
  return { tenant: membership.tenant, role: membership.role, userId, actor: { type: "user", id: userId, label: email } };
}

export function withRole(ctx: TenantContext, role: Role): TenantContext {
  return { ...ctx, role };
}

/**
 * Stops the wall clock (timers still run) for a test that spends a fixed-window rate limit: the
 * windows are wall-clock aligned, so a run that crossed a boundary would get a fresh budget
 * midway and see 200 where 429 is due. tests/setup-db.ts restores real time after each test.
 */
export function stopTheClock(): void {
  vi.useFakeTimers({ toFake: ["Date"] });
}
