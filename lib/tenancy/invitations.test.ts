import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents, memberInvitations, memberships, users } from "@/db/schema";
import { toActionError } from "@/lib/action-error";
import { closeMailer } from "@/lib/alerts/mail";
import { sha256Hex } from "@/lib/crypto";
import { verifySignIn } from "@/lib/auth/sign-in";
import { findMembership } from "@/lib/tenancy";
import { ownerContext, PASSWORD, tokenOf, withRole } from "@/tests/fixtures";
import {
  acceptInvitationAsUser,
  acceptInvitationWithPassword,
  INVITATION_TTL_MS,
  inviteMember,
  listPendingInvitations,
  openInvitation,
  revokeInvitation,
} from "./invitations";

const smtp = { port: 0, on: false };
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...actual,
    env: () => ({
      ...actual.env(),
      smtp: smtp.on
        ? { host: "127.0.0.1", port: smtp.port, user: null, password: null, from: "Patchbay <patchbay@patchbay.test>", secure: false }
        : null,
    }),
  };
});

const mails: ParsedMail[] = [];
const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        mails.push(mail);
        callback();
      })
      .catch(callback);
  },
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtp.port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  closeMailer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  smtp.on = false;
  mails.length = 0;
});

const ORIGIN = "https://patchbay.example.com";

describe("member invitations", () => {
  it("issues a link whose token is stored only as its SHA-256, and lists it as pending", async () => {
    const owner = await ownerContext();
    const issued = await inviteMember(owner, { email: " New@Acme.test ", role: "admin" }, ORIGIN);
    expect(issued.link).toMatch(/^https:\/\/patchbay\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({ emailed: false, emailError: null });
    const token = tokenOf(issued.link);
    const [row] = await db().select().from(memberInvitations);
    expect(row).toMatchObject({ email: "new@acme.test", role: "admin", tokenHash: sha256Hex(token), invitedBy: owner.userId });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    expect(await listPendingInvitations(owner)).toMatchObject([{ email: "new@acme.test", role: "admin", invitedBy: "owner@acme.test" }]);
    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.action, "member.invited"));
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("emails the link when SMTP is configured", async () => {
    smtp.on = true;
    const owner = await ownerContext();
    const issued = await inviteMember(owner, { email: "mailed@acme.test", role: "viewer" }, ORIGIN);
    expect(issued).toMatchObject({ emailed: true, emailError: null });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Patchbay] You are invited to ACME");
    expect(mails[0]!.to).toMatchObject({ text: "mailed@acme.test" });
    expect(mails[0]!.text).toContain(issued.link);
  });

  it("a new person chooses name and password, joins with the invited role, and signs in with it", async () => {
    const owner = await ownerContext();
    const token = tokenOf((await inviteMember(owner, { email: "ned@acme.test", role: "admin" }, ORIGIN)).link);
    expect(await openInvitation(token)).toMatchObject({
      status: "valid",
      email: "ned@acme.test",
      role: "admin",
      hasAccount: false,
      sso: false,
      tenant: { slug: "acme" },
    });
    await acceptInvitationWithPassword(token, { name: "Ned", password: PASSWORD }, "203.0.113.4");
    const [user] = await db().select().from(users).where(eq(users.email, "ned@acme.test"));
    expect(user).toMatchObject({ name: "Ned" });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await findMembership(user!.id, "acme"))?.role).toBe("admin");
    expect(await verifySignIn({ email: "ned@acme.test", password: PASSWORD }, null)).toMatchObject({ ok: true });
    expect(await listPendingInvitations(owner)).toEqual([]);
    const [joined] = await db().select().from(auditEvents).where(eq(auditEvents.action, "member.joined"));
    expect(joined).toMatchObject({ tenantId: owner.tenant.id, actorId: user!.id, ip: "203.0.113.4" });
  });

  it("works once, even for two browsers accepting at the same moment", async () => {
    const owner = await ownerContext();
    const token = tokenOf((await inviteMember(owner, { email: "once@acme.test", role: "viewer" }, ORIGIN)).link);
    const results = await Promise.allSettled([
      acceptInvitationWithPassword(token, { name: "One", password: PASSWORD }, null),
      acceptInvitationWithPassword(token, { name: "Two", password: PASSWORD }, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().select().from(users).where(eq(users.email, "once@acme.test"))).toHaveLength(1);
    expect(await openInvitation(token)).toEqual({ status: "used" });
    await expect(acceptInvitationWithPassword(token, { name: "Three", password: PASSWORD }, null)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("expires, and a revoked or replaced link opens nothing", async () => {
    const owner = await ownerContext();
    const first = tokenOf((await inviteMember(owner, { email: "late@acme.test", role: "viewer" }, ORIGIN)).link);
    const later = new Date(Date.now() + INVITATION_TTL_MS + 1000);
    expect(await openInvitation(first, later)).toEqual({ status: "expired" });
    await expect(acceptInvitationWithPassword(first, { name: "L", password: PASSWORD }, null, later)).rejects.toMatchObject({
      code: "validation_failed",
    });

    const second = tokenOf((await inviteMember(owner, { email: "late@acme.test", role: "admin" }, ORIGIN)).link);
    expect(await openInvitation(first)).toEqual({ status: "revoked" });
    const [pending] = await listPendingInvitations(owner);
    expect(pending).toMatchObject({ email: "late@acme.test", role: "admin" });
    await revokeInvitation(owner, { invitationId: pending!.id });
    expect(await openInvitation(second)).toEqual({ status: "revoked" });
    await expect(acceptInvitationWithPassword(second, { name: "L", password: PASSWORD }, null)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await openInvitation("not-a-token")).toEqual({ status: "unknown" });
    expect(await openInvitation("A".repeat(43))).toEqual({ status: "unknown" });
  });

  it("lets admins invite admins and viewers, only owners invite owners, and viewers not at all", async () => {
    const owner = await ownerContext();
    const admin = withRole(owner, "admin");
    await expect(inviteMember(withRole(owner, "viewer"), { email: "v@acme.test", role: "viewer" }, ORIGIN)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(inviteMember(admin, { email: "o@acme.test", role: "owner" }, ORIGIN)).rejects.toMatchObject({ code: "forbidden" });
    await inviteMember(admin, { email: "a@acme.test", role: "admin" }, ORIGIN);
    await inviteMember(owner, { email: "o@acme.test", role: "owner" }, ORIGIN);
    const byEmail = Object.fromEntries((await listPendingInvitations(owner)).map((i) => [i.email, i.id]));
    await expect(revokeInvitation(admin, { invitationId: byEmail["o@acme.test"]! })).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeInvitation(withRole(owner, "viewer"), { invitationId: byEmail["a@acme.test"]! })).rejects.toMatchObject({
      code: "forbidden",
    });
    await revokeInvitation(admin, { invitationId: byEmail["a@acme.test"]! });
  });

  it("answers bad input with field messages, and an existing member is refused on the email field", async () => {
    const owner = await ownerContext();
    const bad = await inviteMember(owner, { email: "not-an-email", role: "boss" as "admin" }, ORIGIN).catch(toActionError);
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { email: "Enter a valid email address.", role: "Choose owner, admin or viewer." },
    });
    const member = await inviteMember(owner, { email: "owner@acme.test", role: "viewer" }, ORIGIN).catch(toActionError);
    expect(member).toMatchObject({ ok: false, fieldErrors: { email: "Already a member of this organisation." } });
    const token = tokenOf((await inviteMember(owner, { email: "pw@acme.test", role: "viewer" }, ORIGIN)).link);
    const weak = await acceptInvitationWithPassword(token, { name: " ", password: "short" }, null).catch(toActionError);
    expect(weak).toMatchObject({ ok: false, fieldErrors: { name: "Enter a name.", password: expect.stringContaining("12 characters") } });
    expect(await openInvitation(token)).toMatchObject({ status: "valid" });
  });

  it("an invitee who already has an account accepts while signed in as that account only", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const token = tokenOf((await inviteMember(globex, { email: "owner@acme.test", role: "admin" }, ORIGIN)).link);
    expect(await openInvitation(token)).toMatchObject({ status: "valid", hasAccount: true });
    await expect(acceptInvitationWithPassword(token, { name: "A", password: "another-pass-99" }, null)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(acceptInvitationAsUser(token, { id: globex.userId!, email: "owner@globex.test" }, null)).rejects.toMatchObject({
      code: "forbidden",
    });
    await acceptInvitationAsUser(token, { id: acme.userId!, email: "owner@acme.test" }, null);
    expect((await findMembership(acme.userId!, "globex"))?.role).toBe("admin");
    // The account kept its own password.
    expect(await verifySignIn({ email: "owner@acme.test", password: PASSWORD }, null)).toMatchObject({ ok: true });
  });

  it("raises a membership made after the invitation (SSO's just-in-time one) to the invited role, never lowers one", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const cases = [
      { email: "owner@globex.test", invited: "admin", meanwhile: "viewer", expected: "admin" },
      { email: "owner@acme.test", invited: "viewer", meanwhile: "admin", expected: "admin" },
    ] as const;
    const tenant = { "owner@globex.test": acme, "owner@acme.test": globex };
    for (const c of cases) {
      const inviter = tenant[c.email];
      const user = c.email === "owner@globex.test" ? globex : acme;
      const token = tokenOf((await inviteMember(inviter, { email: c.email, role: c.invited }, ORIGIN)).link);
      // What provisionSsoUser does when the invitee first signs in through the tenant's IdP.
      await db().insert(memberships).values({ tenantId: inviter.tenant.id, userId: user.userId!, role: c.meanwhile });
      await acceptInvitationAsUser(token, { id: user.userId!, email: c.email }, null);
      expect((await findMembership(user.userId!, inviter.tenant.slug))?.role).toBe(c.expected);
    }
  });
});
