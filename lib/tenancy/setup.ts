import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, tenants, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { AppError, conflict } from "@/lib/errors";
import { setupSchema, type SetupInput } from "./schema";

export async function hasAnyUser(): Promise<boolean> {
  const [row] = await db().select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

/**
 * First-run setup: the first organisation and its owner. Refused once any user exists;
 * the advisory lock makes two simultaneous submissions produce one owner, not two.
 */
export async function completeSetup(raw: SetupInput, actor: Actor) {
  const input = setupSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('patchbay.setup'))`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) throw new AppError("forbidden", "Setup is already complete. Sign in instead.");
    const [tenant] = await tx.insert(tenants).values({ name: input.tenantName, slug: input.tenantSlug }).returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash })
      .returning({ id: users.id, email: users.email });
    await tx.insert(memberships).values({ tenantId: tenant!.id, userId: user!.id, role: "owner" });
    await recordAudit(
      {
        tenantId: tenant!.id,
        actor: { ...actor, id: user!.id, label: user!.email },
        action: "setup.completed",
        target: { type: "tenant", id: tenant!.id },
        details: { tenant: input.tenantSlug, owner: input.email },
      },
      tx,
    );
    return { tenant: tenant!, user: user! };
  });
}

/**
 * Scripted set-up for operators and tests: makes sure the tenant, the user and an owner
 * membership exist. Running it again changes nothing (an existing password is kept).
 */
export async function bootstrap(raw: { tenantSlug: string; tenantName?: string; email: string; password: string; name?: string }) {
  const input = setupSchema.parse({
    tenantSlug: raw.tenantSlug,
    tenantName: raw.tenantName ?? raw.tenantSlug,
    email: raw.email,
    password: raw.password,
    name: raw.name ?? raw.email.split("@")[0],
  });
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const created: string[] = [];
    let [tenant] = await tx.select().from(tenants).where(eq(tenants.slug, input.tenantSlug));
    if (!tenant) {
      [tenant] = await tx.insert(tenants).values({ name: input.tenantName, slug: input.tenantSlug }).returning();
      created.push("tenant");
    }
    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (!user) {
      [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
      created.push("user");
    }
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant!.id), eq(memberships.userId, user!.id)));
    if (!member) {
      await tx.insert(memberships).values({ tenantId: tenant!.id, userId: user!.id, role: "owner" });
      created.push("membership");
    } else if (member.role !== "owner") {
      throw conflict(`${input.email} is already a ${member.role} of ${input.tenantSlug}; bootstrap makes owners only.`);
    }
    if (created.length > 0) {
      await recordAudit(
        {
          tenantId: tenant!.id,
          actor: { type: "system", label: "patchbay bootstrap" },
          action: "tenant.bootstrapped",
          target: { type: "tenant", id: tenant!.id },
          details: { created, owner: input.email },
        },
        tx,
      );
    }
    return { tenant: tenant!, userId: user!.id, created };
  });
}
