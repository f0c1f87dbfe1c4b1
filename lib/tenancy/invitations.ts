import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberInvitations, memberships, tenants, users } from "@/db/schema";
import { sendMail } from "@/lib/alerts/mail";
import { recordAudit, type Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { env } from "@/lib/env";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { loadConnection } from "@/lib/sso/connection";
import { domainOf, verifiedDomains } from "@/lib/sso/domains";
import { ssoTenantFor } from "@/lib/sso/flow";
import { hasRole, requireRole, type TenantContext, type TenantRef } from "./context";
import { withSystem, withTenant } from "./data";
import type { Role } from "./roles";
import {
  acceptInvitationSchema,
  inviteMemberSchema,
  linkTokenSchema,
  revokeInvitationSchema,
  type AcceptInvitationInput,
  type InviteMemberInput,
} from "./schema";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How a link went out: always shown once to copy; also mailed when SMTP is configured. */
export type LinkDelivery = { link: string; expiresAt: Date; emailed: boolean; emailError: string | null };

export type PendingInvitation = { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date; invitedBy: string | null };

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Mails a link when the operator configured SMTP; a mail failure never undoes what was issued. */
export async function mailLink(to: string, subject: string, lines: string[]): Promise<Pick<LinkDelivery, "emailed" | "emailError">> {
  if (!env().smtp) return { emailed: false, emailError: null };
  const sent = await sendMail({ to, subject: `[Patchbay] ${subject}`, text: lines.join("\n") });
  return { emailed: sent.ok, emailError: sent.error };
}

/**
 * Invites someone by email with a role. Admins invite admins and viewers; only owners invite
 * owners. A newer invitation to the same address replaces the pending one, so one link is live.
 */
export async function inviteMember(ctx: TenantContext, raw: InviteMemberInput, origin: string): Promise<LinkDelivery & { id: string }> {
  requireRole(ctx, "admin");
  const input = inviteMemberSchema.parse(raw);
  if (input.role === "owner" && !hasRole(ctx, "owner")) throw forbidden("Only owners can invite owners.");
  const connection = await loadConnection(ctx);
  if (connection?.enforced && !(await verifiedDomains(ctx)).includes(domainOf(input.email))) {
    throw invalid("This organisation enforces single sign-on.", {
      email: "Single sign-on is enforced: only addresses in the organisation's verified domains can join.",
    });
  }
  const token = randomToken(32);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const id = await withTenant(ctx, async (tx) => {
    const [member] = await tx
      .select({ userId: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(users.email, input.email)));
    if (member) throw conflict("That person is already a member.", { email: "Already a member of this organisation." });
    await tx
      .update(memberInvitations)
      .set({ revokedAt: now })
      .where(and(pendingFor(ctx.tenant.id, now), eq(memberInvitations.email, input.email)));
    const [row] = await tx
      .insert(memberInvitations)
      .values({
        tenantId: ctx.tenant.id,
        email: input.email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedBy: ctx.userId ?? null,
        expiresAt,
      })
      .returning({ id: memberInvitations.id });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "member.invited",
        target: { type: "invitation", id: row!.id },
        details: { email: input.email, role: input.role },
      },
      tx,
    );
    return row!.id;
  });
  const link = `${origin}/invite/${token}`;
  const mail = await mailLink(input.email, `You are invited to ${ctx.tenant.name}`, [
    `${ctx.actor.label ?? "An administrator"} invited you to join ${ctx.tenant.name} on Patchbay as ${input.role}.`,
    "",
    `Open this link to accept (it works once, until ${formatUtc(expiresAt)}):`,
    link,
    "",
    "If you did not expect this invitation, ignore this message.",
  ]);
  return { id, link, expiresAt, ...mail };
}

function pendingFor(tenantId: string, now: Date) {
  return and(
    eq(memberInvitations.tenantId, tenantId),
    isNull(memberInvitations.acceptedAt),
    isNull(memberInvitations.revokedAt),
    gt(memberInvitations.expiresAt, now),
  );
}

export async function listPendingInvitations(ctx: TenantContext, now = new Date()): Promise<PendingInvitation[]> {
  return withTenant(ctx, (tx) =>
    tx
      .select({
        id: memberInvitations.id,
        email: memberInvitations.email,
        role: memberInvitations.role,
        expiresAt: memberInvitations.expiresAt,
        createdAt: memberInvitations.createdAt,
        invitedBy: users.email,
      })
      .from(memberInvitations)
      .leftJoin(users, eq(users.id, memberInvitations.invitedBy))
      .where(pendingFor(ctx.tenant.id, now))
      .orderBy(desc(memberInvitations.createdAt)),
  );
}

export async function revokeInvitation(ctx: TenantContext, raw: { invitationId: string }): Promise<void> {
  requireRole(ctx, "admin");
  const input = revokeInvitationSchema.parse(raw);
  await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(memberInvitations)
      .where(and(pendingFor(ctx.tenant.id, new Date()), eq(memberInvitations.id, input.invitationId)))
      .for("update");
    if (!row) throw notFound("Invitation");
    if (row.role === "owner" && !hasRole(ctx, "owner")) throw forbidden("Only owners can withdraw an owner's invitation.");
    await tx.update(memberInvitations).set({ revokedAt: new Date() }).where(eq(memberInvitations.id, row.id));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "member.invitation_revoked",
        target: { type: "invitation", id: row.id },
        details: { email: row.email, role: row.role },
      },
      tx,
    );
  });
}

type InvitationRow = typeof memberInvitations.$inferSelect;

export type InvitationView =
  | { status: "unknown" | "expired" | "used" | "revoked" }
  | {
      status: "valid";
      tenant: TenantRef;
      email: string;
      role: Role;
      expiresAt: Date;
      /** An account with this email exists: its owner signs in and accepts. */
      hasAccount: boolean;
      /** The email's domain signs in through an identity provider: no password is chosen here. */
      sso: boolean;
    };

async function findByToken(token: string): Promise<{ row: InvitationRow; tenant: TenantRef } | null> {
  if (!linkTokenSchema.safeParse(token).success) return null;
  const [found] = await withSystem("invitation lookup", (sys) =>
    sys
      .select({ row: memberInvitations, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
      .from(memberInvitations)
      .innerJoin(tenants, eq(tenants.id, memberInvitations.tenantId))
      .where(eq(memberInvitations.tokenHash, sha256Hex(token))),
  );
  return found ?? null;
}

function statusOf(row: InvitationRow, now: Date): "valid" | "expired" | "used" | "revoked" {
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

/** What the invitation page shows for a token: who is invited where, or why the link no longer works. */
export async function openInvitation(token: string, now = new Date()): Promise<InvitationView> {
  const found = await findByToken(token);
  if (!found) return { status: "unknown" };
  const status = statusOf(found.row, now);
  if (status !== "valid") return { status };
  const [account] = await withSystem("invitation lookup", (sys) =>
    sys.select({ id: users.id }).from(users).where(eq(users.email, found.row.email)),
  );
  return {
    status: "valid",
    tenant: found.tenant,
    email: found.row.email,
    role: found.row.role,
    expiresAt: found.row.expiresAt,
    hasAccount: Boolean(account),
    sso: Boolean(await ssoTenantFor(found.row.email)),
  };
}

const LINK_GONE = "This invitation link no longer works: it was used, withdrawn or has expired. Ask for a new one.";

/**
 * Spends the invitation inside the caller's transaction: the conditional update is what makes a
 * link single-use when two browsers accept at once.
 */
async function spend(tx: Db, token: string, userId: string | null, now: Date): Promise<InvitationRow> {
  const [spent] = await tx
    .update(memberInvitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(memberInvitations.tokenHash, sha256Hex(token)),
        isNull(memberInvitations.acceptedAt),
        isNull(memberInvitations.revokedAt),
        gt(memberInvitations.expiresAt, now),
      ),
    )
    .returning();
  if (!spent) throw invalid(LINK_GONE);
  return spent;
}

const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/** Joins the tenant; a membership that already exists (SSO's just-in-time one) is raised to the invited role, never lowered. */
async function join(tx: Db, invitation: InvitationRow, userId: string, actor: Actor): Promise<void> {
  const [existing] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, invitation.tenantId), eq(memberships.userId, userId)));
  if (!existing) {
    await tx.insert(memberships).values({ tenantId: invitation.tenantId, userId, role: invitation.role });
  } else if (RANK[invitation.role] > RANK[existing.role]) {
    await tx
      .update(memberships)
      .set({ role: invitation.role })
      .where(and(eq(memberships.tenantId, invitation.tenantId), eq(memberships.userId, userId)));
  }
  await recordAudit(
    {
      tenantId: invitation.tenantId,
      actor,
      action: "member.joined",
      target: { type: "user", id: userId },
      details: { email: invitation.email, role: invitation.role, via: "invitation", invitationId: invitation.id },
    },
    tx,
  );
}

/** A new account from the invitation page: the invitee's name and password, and the membership, in one transaction. */
export async function acceptInvitationWithPassword(
  token: string,
  raw: AcceptInvitationInput,
  ip: string | null,
  now = new Date(),
): Promise<{ tenant: TenantRef; email: string }> {
  const input = acceptInvitationSchema.parse(raw);
  const found = await findByToken(token);
  if (!found || statusOf(found.row, now) !== "valid") throw invalid(LINK_GONE);
  const { row, tenant } = found;
  if (await ssoTenantFor(row.email)) {
    throw invalid("Your organisation signs in through single sign-on: continue with it instead of choosing a password.");
  }
  const passwordHash = await hashPassword(input.password);
  await withTenant({ tenant }, async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    if (taken) throw conflict("An account with this email already exists: sign in to accept the invitation.");
    // Spent before the account exists: a second browser waits on this row, then finds it spent.
    const invitation = await spend(tx, token, null, now);
    const [user] = await tx.insert(users).values({ email: row.email, name: input.name, passwordHash }).returning({ id: users.id });
    await tx.update(memberInvitations).set({ acceptedBy: user!.id }).where(eq(memberInvitations.id, invitation.id));
    await join(tx, invitation, user!.id, { type: "user", id: user!.id, label: row.email, ip });
  });
  return { tenant, email: row.email };
}

/** The signed-in invitee (password or SSO) accepts; the link is for one address, and only that account may spend it. */
export async function acceptInvitationAsUser(
  token: string,
  user: { id: string; email: string },
  ip: string | null,
  now = new Date(),
): Promise<{ tenant: TenantRef }> {
  const found = await findByToken(token);
  if (!found || statusOf(found.row, now) !== "valid") throw invalid(LINK_GONE);
  if (found.row.email !== user.email.toLowerCase()) {
    throw forbidden(`This invitation is for ${found.row.email}. Sign out, then open the link again.`);
  }
  await withTenant({ tenant: found.tenant }, async (tx) => {
    const invitation = await spend(tx, token, user.id, now);
    await join(tx, invitation, user.id, { type: "user", id: user.id, label: user.email, ip });
  });
  return { tenant: found.tenant };
}
