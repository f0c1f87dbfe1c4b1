import type { Actor } from "@/lib/audit";
import { forbidden } from "@/lib/errors";
import type { Role } from "@/db/schema";

export type TenantRef = { id: string; slug: string; name: string };

/** Who is acting in which tenant, resolved by the caller (session or API key) before any service runs. */
export type TenantContext = {
  tenant: TenantRef;
  role: Role;
  actor: Actor;
  userId?: string;
  // Set for test-mode API keys (pb_test_…): for them only sandbox integrations exist.
  sandboxOnly?: boolean;
};

const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

export function hasRole(ctx: Pick<TenantContext, "role">, needed: Role): boolean {
  return RANK[ctx.role] >= RANK[needed];
}

export function requireRole(ctx: TenantContext, needed: Role): void {
  if (!hasRole(ctx, needed)) throw forbidden(`This needs the ${needed} role.`);
}
