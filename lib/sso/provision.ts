import { and, eq } from "drizzle-orm";
import { memberships, ssoIdentities, users, type SsoProtocol } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";
import type { Role } from "@/lib/tenancy/roles";
import { domainOf, verifiedDomains } from "./domains";
import { SsoError } from "./errors";

export type SsoIdentity = { subject: string; email: string | null; protocol: SsoProtocol };

/**
 * After the IdP's answer checked out: the user it names, created on first sign-in with a
 * membership in the default role (just-in-time). Only an email in one of the tenant's verified
 * domains is trusted: otherwise any tenant's IdP could assert anyone's address.
 */
export async function provisionSsoUser(
  scope: TenantScope,
  identity: SsoIdentity,
  defaultRole: Role,
  ip: string | null,
  now = new Date(),
): Promise<{ userId: string; email: string }> {
  const email = identity.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new SsoError("no_email");
  const domains = await verifiedDomains(scope);
  if (!domains.includes(domainOf(email))) throw new SsoError("unverified_domain", email);

  const tenantId = scope.tenant.id;
  return withTenant(scope, async (tx) => {
    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = { type: "user" as const, label: email, ip };
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, name: email.slice(0, email.indexOf("@")) })
        .returning({ id: users.id });
      await recordAudit(
        {
          tenantId,
          actor: { ...actor, id: user!.id },
          action: "sso.user_provisioned",
          target: { type: "user", id: user!.id },
          details: { email, protocol: identity.protocol },
        },
        tx,
      );
    }
    const userId = user!.id;
    const joined = await tx
      .insert(memberships)
      .values({ tenantId, userId, role: defaultRole })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    if (joined.length > 0) {
      await recordAudit(
        {
          tenantId,
          actor: { ...actor, id: userId },
          action: "member.added",
          target: { type: "user", id: userId },
          details: { email, role: defaultRole, via: "sso_jit" },
        },
        tx,
      );
    }
    await tx
      .insert(ssoIdentities)
      .values({ tenantId, subject: identity.subject, userId, protocol: identity.protocol, lastSignInAt: now })
      .onConflictDoUpdate({
        target: [ssoIdentities.tenantId, ssoIdentities.subject],
        set: { userId, protocol: identity.protocol, lastSignInAt: now },
      });
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
    await recordAudit(
      {
        tenantId,
        actor: { ...actor, id: userId },
        action: "auth.signed_in",
        target: { type: "user", id: userId },
        details: { method: identity.protocol },
      },
      tx,
    );
    return { userId, email };
  });
}

export async function hasSsoIdentity(scope: TenantScope, userId: string): Promise<boolean> {
  const rows = await withTenant(scope, (tx) =>
    tx
      .select({ subject: ssoIdentities.subject })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.tenantId, scope.tenant.id), eq(ssoIdentities.userId, userId))),
  );
  return rows.length > 0;
}
