import { and, asc, eq } from "drizzle-orm";
import { memberships, ssoBreakGlass, ssoConnections, ssoIdentities, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { invalid, notFound } from "@/lib/errors";
import { requireRole, type TenantContext, type TenantRef } from "@/lib/tenancy/context";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";
import type { Role } from "@/lib/tenancy/roles";
import { loadConnection } from "./connection";
import { domainOf, tenantForDomain, verifiedDomains } from "./domains";
import { breakGlassSchema, enforcementSchema } from "./schema";

export type LockoutReason = "outside_verified_domains" | "owner_without_sso_identity";

export type MemberAccess = {
  userId: string;
  email: string;
  role: Role;
  breakGlass: boolean;
  hasSsoIdentity: boolean;
  inVerifiedDomain: boolean;
  /** Why this member could not get in once SSO is enforced; null: they keep access. */
  lockout: LockoutReason | null;
};

/** Each member and whether enforcement would shut them out: the lockout preview, and the break-glass list. */
export async function memberAccess(ctx: TenantContext): Promise<{ enforced: boolean; domains: string[]; members: MemberAccess[] }> {
  requireRole(ctx, "owner");
  const domains = await verifiedDomains(ctx);
  const connection = await loadConnection(ctx);
  const rows = await withTenant(ctx, async (tx) => {
    const members = await tx
      .select({ userId: users.id, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, ctx.tenant.id))
      .orderBy(asc(users.email));
    const glass = await tx.select({ userId: ssoBreakGlass.userId }).from(ssoBreakGlass).where(eq(ssoBreakGlass.tenantId, ctx.tenant.id));
    const identities = await tx
      .select({ userId: ssoIdentities.userId })
      .from(ssoIdentities)
      .where(eq(ssoIdentities.tenantId, ctx.tenant.id));
    return { members, glass: new Set(glass.map((g) => g.userId)), identities: new Set(identities.map((i) => i.userId)) };
  });
  const members = rows.members.map((m): MemberAccess => {
    const breakGlass = m.role === "owner" && rows.glass.has(m.userId);
    const inVerifiedDomain = domains.includes(domainOf(m.email));
    const hasSsoIdentity = rows.identities.has(m.userId);
    const lockout: LockoutReason | null = breakGlass
      ? null
      : !inVerifiedDomain
        ? "outside_verified_domains"
        : m.role === "owner" && !hasSsoIdentity
          ? "owner_without_sso_identity"
          : null;
    return { ...m, breakGlass, hasSsoIdentity, inVerifiedDomain, lockout };
  });
  return { enforced: connection?.enforced ?? false, domains, members };
}

export async function setEnforcement(ctx: TenantContext, raw: unknown): Promise<void> {
  requireRole(ctx, "owner");
  const input = enforcementSchema.parse(raw);
  const connection = await loadConnection(ctx);
  if (!connection) throw invalid("Set up single sign-on before enforcing it.");
  if (input.enforced) {
    const access = await memberAccess(ctx);
    if (access.domains.length === 0) throw invalid("Verify a domain before enforcing single sign-on.");
    if (!input.confirmed) throw invalid("Review who would lose access, then confirm.");
    const self = access.members.find((m) => m.userId === ctx.userId);
    if (self?.lockout)
      throw invalid("Enforcing would lock you out: sign in once through SSO, or mark yourself as a break-glass owner first.");
  }
  if (connection.enforced === input.enforced) return;
  await withTenant(ctx, async (tx) => {
    await tx.update(ssoConnections).set({ enforced: input.enforced }).where(eq(ssoConnections.tenantId, ctx.tenant.id));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: input.enforced ? "sso.enforced" : "sso.enforcement_lifted",
        target: { type: "sso_connection", id: ctx.tenant.id },
      },
      tx,
    );
  });
}

export async function setBreakGlass(ctx: TenantContext, raw: unknown): Promise<void> {
  requireRole(ctx, "owner");
  const input = breakGlassSchema.parse(raw);
  await withTenant(ctx, async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.user_id)));
    if (!member) throw notFound("Member");
    if (input.break_glass && member.role !== "owner") throw invalid("Only owners can be break-glass accounts.");
    const changed = input.break_glass
      ? await tx.insert(ssoBreakGlass).values({ tenantId: ctx.tenant.id, userId: input.user_id }).onConflictDoNothing().returning()
      : await tx
          .delete(ssoBreakGlass)
          .where(and(eq(ssoBreakGlass.tenantId, ctx.tenant.id), eq(ssoBreakGlass.userId, input.user_id)))
          .returning();
    if (changed.length === 0) return;
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: input.break_glass ? "sso.break_glass_granted" : "sso.break_glass_revoked",
        target: { type: "user", id: input.user_id },
        details: { email: member.email },
      },
      tx,
    );
  });
}

async function isBreakGlassOwner(scope: TenantScope, userId: string): Promise<boolean> {
  const rows = await withTenant(scope, (tx) =>
    tx
      .select({ role: memberships.role })
      .from(ssoBreakGlass)
      .innerJoin(memberships, and(eq(memberships.tenantId, ssoBreakGlass.tenantId), eq(memberships.userId, ssoBreakGlass.userId)))
      .where(and(eq(ssoBreakGlass.tenantId, scope.tenant.id), eq(ssoBreakGlass.userId, userId))),
  );
  return rows.some((r) => r.role === "owner");
}

/** Password sign-in for an email whose domain a tenant verified and enforces SSO for: break-glass owners of that tenant only. */
export async function passwordSignInAllowed(user: { id: string; email: string }): Promise<boolean> {
  const tenantId = await tenantForDomain(domainOf(user.email));
  if (!tenantId) return true;
  const scope = { tenant: { id: tenantId } };
  const connection = await loadConnection(scope);
  if (!connection?.enforced) return true;
  return isBreakGlassOwner(scope, user.id);
}

/** With SSO enforced, a tenant admits members of its verified domains (who sign in through it) and its break-glass owners. */
export async function tenantAccessAllowed(tenant: TenantRef, user: { id: string; email: string }): Promise<boolean> {
  const connection = await loadConnection({ tenant });
  if (!connection?.enforced) return true;
  if ((await verifiedDomains({ tenant })).includes(domainOf(user.email))) return true;
  return isBreakGlassOwner({ tenant }, user.id);
}
