import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, passwordResets, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { clearLimit, hitLimit, peekLimit } from "@/lib/rate-limit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withSystem, withTenant } from "@/lib/tenancy/data";
import { mailLink, type LinkDelivery } from "@/lib/tenancy/invitations";
import {
  changePasswordSchema,
  completePasswordResetSchema,
  issuePasswordResetSchema,
  linkTokenSchema,
  type ChangePasswordInput,
  type CompletePasswordResetInput,
} from "@/lib/tenancy/schema";
import { ACCOUNT_FAILURE_LIMIT } from "./sign-in";
import { hashPassword, verifyPassword } from "./password";

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** Whether the account has a password at all (SSO-only accounts have none). */
export async function hasPassword(userId: string): Promise<boolean> {
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.passwordHash);
}

/**
 * A signed-in user replaces their password. Every session signed in before now stops working
 * (users.sessions_valid_from); the caller signs this browser in again with the new password.
 * Wrong current passwords count against the same per-account limit as sign-in.
 */
export async function changeOwnPassword(
  user: { id: string; email: string },
  raw: ChangePasswordInput,
  ip: string | null,
  now = new Date(),
): Promise<void> {
  const input = changePasswordSchema.parse(raw);
  const limitKey = `signin:account:${user.email.toLowerCase()}`;
  if ((await peekLimit(limitKey, ACCOUNT_FAILURE_LIMIT, now)).exceeded) {
    throw new AppError("rate_limited", "Too many failed attempts. Wait 15 minutes, then try again.");
  }
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row) throw notFound("User");
  if (!row.passwordHash) throw invalid("Your account signs in through single sign-on and has no password to change.");
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await hitLimit(limitKey, ACCOUNT_FAILURE_LIMIT, 1, now);
    throw invalid("Check the highlighted fields.", { currentPassword: "That is not your current password." });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, sessionsValidFrom: now }).where(eq(users.id, user.id));
    await recordAudit(
      {
        actor: { type: "user", id: user.id, label: user.email, ip },
        action: "auth.password_changed",
        target: { type: "user", id: user.id },
      },
      tx,
    );
  });
  await clearLimit(limitKey);
}

/**
 * An owner issues a one-time link for a member to choose a new password. Only for members of
 * this organisation alone: an account that also belongs elsewhere is not this owner's to reset.
 */
export async function issuePasswordReset(ctx: TenantContext, raw: { userId: string }, origin: string): Promise<LinkDelivery> {
  requireRole(ctx, "owner");
  const input = issuePasswordResetSchema.parse(raw);
  if (input.userId === ctx.userId) throw invalid("Change your own password under Your account.");
  const token = randomToken(32);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  // Other organisations' memberships are out of the tenant's sight (row-level security), so this
  // asks as system work, before the tenant's transaction: PGlite's one connection cannot hold both.
  const [elsewhere] = await withSystem("password reset eligibility", (sys) =>
    sys
      .select({ tenantId: memberships.tenantId })
      .from(memberships)
      .where(and(eq(memberships.userId, input.userId), ne(memberships.tenantId, ctx.tenant.id)))
      .limit(1),
  );
  const email = await withTenant(ctx, async (tx) => {
    const [member] = await tx
      .select({ email: users.email, passwordHash: users.passwordHash })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.userId)));
    if (!member) throw notFound("Member");
    if (elsewhere) throw conflict("This person also belongs to another organisation: only they can change their password.");
    // One live link per person: a new one replaces any still unused.
    await tx.delete(passwordResets).where(and(eq(passwordResets.userId, input.userId), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).values({
      tenantId: ctx.tenant.id,
      userId: input.userId,
      tokenHash: sha256Hex(token),
      createdBy: ctx.userId ?? null,
      expiresAt,
    });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "member.password_reset_issued",
        target: { type: "user", id: input.userId },
        details: { email: member.email },
      },
      tx,
    );
    return member.email;
  });
  const link = `${origin}/reset-password/${token}`;
  const mail = await mailLink(email, "Choose a new password", [
    `${ctx.actor.label ?? "An owner"} of ${ctx.tenant.name} issued a link for you to choose a new Patchbay password.`,
    "",
    `It works once, until ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC:`,
    link,
    "",
    "Until you use it, your current password keeps working.",
  ]);
  return { link, expiresAt, ...mail };
}

type ResetRow = typeof passwordResets.$inferSelect;

async function findReset(token: string): Promise<(ResetRow & { email: string }) | null> {
  if (!linkTokenSchema.safeParse(token).success) return null;
  const [row] = await withSystem("password reset lookup", (sys) =>
    sys
      .select({ reset: passwordResets, email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(eq(passwordResets.tokenHash, sha256Hex(token))),
  );
  return row ? { ...row.reset, email: row.email } : null;
}

export type PasswordResetView = { status: "valid"; email: string; expiresAt: Date } | { status: "unknown" | "expired" | "used" };

export async function openPasswordReset(token: string, now = new Date()): Promise<PasswordResetView> {
  const reset = await findReset(token);
  if (!reset) return { status: "unknown" };
  if (reset.usedAt) return { status: "used" };
  if (reset.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
  return { status: "valid", email: reset.email, expiresAt: reset.expiresAt };
}

/** Sets the new password once per link, and ends every session signed in before it. */
export async function completePasswordReset(
  token: string,
  raw: CompletePasswordResetInput,
  ip: string | null,
  now = new Date(),
): Promise<{ email: string }> {
  const input = completePasswordResetSchema.parse(raw);
  const reset = await findReset(token);
  const gone = invalid("This reset link no longer works: it was used or has expired. Ask an owner for a new one.");
  if (!reset) throw gone;
  const passwordHash = await hashPassword(input.password);
  await withTenant({ tenant: { id: reset.tenantId } }, async (tx) => {
    const [spent] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ id: passwordResets.id });
    if (!spent) throw gone;
    await tx.update(users).set({ passwordHash, sessionsValidFrom: now }).where(eq(users.id, reset.userId));
    await recordAudit(
      {
        tenantId: reset.tenantId,
        actor: { type: "user", id: reset.userId, label: reset.email, ip },
        action: "auth.password_reset",
        target: { type: "user", id: reset.userId },
      },
      tx,
    );
  });
  await clearLimit(`signin:account:${reset.email}`);
  return { email: reset.email };
}
