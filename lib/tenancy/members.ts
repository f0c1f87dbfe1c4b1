import { and, asc, eq, sql } from "drizzle-orm";
import { db, rowsOf, type Db } from "@/db/client";
import { memberships, tenants, users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { requireRole, type TenantContext, type TenantRef } from "./context";
import { changeRoleSchema, removeMemberSchema } from "./schema";

export async function findMembership(userId: string, tenantSlug: string): Promise<{ tenant: TenantRef; role: Role } | null> {
  const [row] = await db()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(tenants.slug, tenantSlug)));
  if (!row) return null;
  return { tenant: { id: row.id, slug: row.slug, name: row.name }, role: row.role };
}

export async function findTenantBySlug(slug: string): Promise<TenantRef | null> {
  const [row] = await db().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

export async function listUserTenants(userId: string) {
  return db()
    .select({ slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name));
}

export async function listMembers(ctx: TenantContext) {
  return db()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, ctx.tenant.id))
    .orderBy(asc(users.email));
}

// Locks the tenant's memberships so two owners demoting each other at once cannot leave none.
async function lockedMembership(tx: Db, tenantId: string, userId: string) {
  const all = rowsOf<{ user_id: string; role: Role }>(
    await tx.execute(sql`select user_id, role from memberships where tenant_id = ${tenantId} for update`),
  );
  const target = all.find((r) => r.user_id === userId);
  if (!target) throw notFound("Member");
  return { target, owners: all.filter((r) => r.role === "owner").length };
}

const LAST_OWNER = "An organisation needs at least one owner. Make someone else an owner first.";

export async function changeMemberRole(ctx: TenantContext, raw: { userId: string; role: string }) {
  requireRole(ctx, "owner");
  const input = changeRoleSchema.parse(raw);
  await db().transaction(async (tx) => {
    const { target, owners } = await lockedMembership(tx, ctx.tenant.id, input.userId);
    if (target.role === input.role) return;
    if (target.role === "owner" && owners <= 1) throw new AppError("conflict", LAST_OWNER, { role: LAST_OWNER });
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.userId)));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "member.role_changed",
        target: { type: "user", id: input.userId },
        details: { from: target.role, to: input.role },
      },
      tx,
    );
  });
}

export async function removeMember(ctx: TenantContext, raw: { userId: string }) {
  requireRole(ctx, "owner");
  const input = removeMemberSchema.parse(raw);
  await db().transaction(async (tx) => {
    const { target, owners } = await lockedMembership(tx, ctx.tenant.id, input.userId);
    if (target.role === "owner" && owners <= 1) throw new AppError("conflict", LAST_OWNER);
    await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.userId)));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "member.removed",
        target: { type: "user", id: input.userId },
        details: { role: target.role },
      },
      tx,
    );
  });
}
