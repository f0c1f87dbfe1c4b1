import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { clientIp } from "@/lib/http/client-ip";
import { findMembership, type TenantContext } from "@/lib/tenancy";
import { tenantAccessAllowed } from "@/lib/sso/enforce";
import { auth } from "./index";

/**
 * The signed-in user, or null; a session whose user was deleted, or that signed in before the
 * password last changed (sessions elsewhere end with the change), counts as signed out.
 */
export const currentUser = cache(async () => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await db()
    .select({ id: users.id, email: users.email, name: users.name, sessionsValidFrom: users.sessionsValidFrom })
    .from(users)
    .where(eq(users.id, id));
  if (!user || (user.sessionsValidFrom && session.authAt < user.sessionsValidFrom.getTime())) return null;
  return { id: user.id, email: user.email, name: user.name };
});

export async function requireUser() {
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get("x-pathname");
    redirect(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
  }
  return user;
}

/** Resolves the tenant in the URL for the signed-in user; anyone else gets the same 404 as a missing tenant. */
export const requireTenantContext = cache(async (slug: string): Promise<TenantContext> => {
  const user = await requireUser();
  const membership = await findMembership(user.id, slug);
  if (!membership || !(await tenantAccessAllowed(membership.tenant, user))) notFound();
  return {
    tenant: membership.tenant,
    role: membership.role,
    userId: user.id,
    actor: { type: "user", id: user.id, label: user.email, ip: clientIp(await headers()) },
  };
});
