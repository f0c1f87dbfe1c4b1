import { eq } from "drizzle-orm";
import { vi } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { bootstrap, findMembership, type TenantContext } from "@/lib/tenancy";
import { acceptInvitationAsUser, acceptInvitationWithPassword, inviteMember } from "@/lib/tenancy/invitations";
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

/** The token at the end of an invitation or reset link. */
export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf("/") + 1);
}

/**
 * A member who joined as a person does: invited by `ctx`, then choosing a name and password on
 * the invitation page (or, with an account already, accepting while signed in).
 */
export async function addMemberViaInvitation(
  ctx: TenantContext,
  member: { email: string; role: Role; name?: string; password?: string },
): Promise<{ userId: string }> {
  const { link } = await inviteMember(ctx, { email: member.email, role: member.role }, "http://patchbay.test");
  const email = member.email.toLowerCase();
  const [existing] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    await acceptInvitationAsUser(tokenOf(link), { id: existing.id, email }, null);
    return { userId: existing.id };
  }
  await acceptInvitationWithPassword(tokenOf(link), { name: member.name ?? "Member", password: member.password ?? PASSWORD }, null);
  const [created] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return { userId: created!.id };
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
