import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, passwordResets, users } from "@/db/schema";
import { toActionError } from "@/lib/action-error";
import { sha256Hex } from "@/lib/crypto";
import { addMemberViaInvitation, ownerContext, PASSWORD, tokenOf, withRole } from "@/tests/fixtures";
import { changeOwnPassword, completePasswordReset, issuePasswordReset, openPasswordReset, PASSWORD_RESET_TTL_MS } from "./passwords";
import { ACCOUNT_FAILURE_LIMIT, verifySignIn } from "./sign-in";

const ORIGIN = "https://patchbay.example.com";
const NEW_PASSWORD = "brand-new-pass-77";

async function sessionsValidFrom(email: string) {
  const [row] = await db().select({ at: users.sessionsValidFrom }).from(users).where(eq(users.email, email));
  return row!.at;
}

describe("changing your own password", () => {
  it("needs the current password, then only the new one signs in and older sessions end", async () => {
    const owner = await ownerContext();
    const me = { id: owner.userId!, email: "owner@acme.test" };
    const wrong = await changeOwnPassword(me, { currentPassword: "not-it-1234567", newPassword: NEW_PASSWORD }, null).catch(toActionError);
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: "That is not your current password." } });
    expect(await sessionsValidFrom(me.email)).toBeNull();

    const before = Date.now();
    await changeOwnPassword(me, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, "203.0.113.8");
    expect((await sessionsValidFrom(me.email))!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await verifySignIn({ email: me.email, password: PASSWORD }, null)).toMatchObject({ ok: false });
    expect(await verifySignIn({ email: me.email, password: NEW_PASSWORD }, null)).toMatchObject({ ok: true });
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "auth.password_changed"));
    expect(event).toMatchObject({ actorId: me.id, ip: "203.0.113.8" });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);
  });

  it("answers a weak or unchanged password on the new-password field", async () => {
    const owner = await ownerContext();
    const me = { id: owner.userId!, email: "owner@acme.test" };
    for (const newPassword of ["short", PASSWORD]) {
      const result = await changeOwnPassword(me, { currentPassword: PASSWORD, newPassword }, null).catch(toActionError);
      expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.any(String) } });
    }
  });

  it("counts wrong current passwords against the sign-in limit", async () => {
    const owner = await ownerContext();
    const me = { id: owner.userId!, email: "owner@acme.test" };
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT.limit; i++) {
      await changeOwnPassword(me, { currentPassword: `guess-${i}-password`, newPassword: NEW_PASSWORD }, null).catch(() => null);
    }
    await expect(changeOwnPassword(me, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, null)).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("password reset by an owner", () => {
  it("issues a one-time link, stored hashed, that sets the password and ends older sessions", async () => {
    const owner = await ownerContext();
    const { userId } = await addMemberViaInvitation(owner, { email: "val@acme.test", role: "viewer" });
    const issued = await issuePasswordReset(owner, { userId }, ORIGIN);
    expect(issued.link).toMatch(/^https:\/\/patchbay\.example\.com\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(issued.link);
    const [row] = await db().select().from(passwordResets);
    expect(row).toMatchObject({ userId, tokenHash: sha256Hex(token), createdBy: owner.userId });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await openPasswordReset(token)).toMatchObject({ status: "valid", email: "val@acme.test" });
    // Until the link is used, the current password keeps working.
    expect(await verifySignIn({ email: "val@acme.test", password: PASSWORD }, null)).toMatchObject({ ok: true });

    const weak = await completePasswordReset(token, { password: "short" }, null).catch(toActionError);
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: expect.stringContaining("12 characters") } });
    await completePasswordReset(token, { password: NEW_PASSWORD }, null);
    expect(await sessionsValidFrom("val@acme.test")).not.toBeNull();
    expect(await verifySignIn({ email: "val@acme.test", password: NEW_PASSWORD }, null)).toMatchObject({ ok: true });
    expect(await verifySignIn({ email: "val@acme.test", password: PASSWORD }, null)).toMatchObject({ ok: false });

    expect(await openPasswordReset(token)).toEqual({ status: "used" });
    await expect(completePasswordReset(token, { password: "third-password-99" }, null)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("expires, and a newer link replaces an unused one", async () => {
    const owner = await ownerContext();
    const { userId } = await addMemberViaInvitation(owner, { email: "val@acme.test", role: "viewer" });
    const first = tokenOf((await issuePasswordReset(owner, { userId }, ORIGIN)).link);
    const later = new Date(Date.now() + PASSWORD_RESET_TTL_MS + 1000);
    expect(await openPasswordReset(first, later)).toEqual({ status: "expired" });
    await expect(completePasswordReset(first, { password: NEW_PASSWORD }, null, later)).rejects.toMatchObject({
      code: "validation_failed",
    });
    const second = tokenOf((await issuePasswordReset(owner, { userId }, ORIGIN)).link);
    expect(await openPasswordReset(first)).toEqual({ status: "unknown" });
    expect(await openPasswordReset(second)).toMatchObject({ status: "valid" });
    expect(await openPasswordReset("garbage")).toEqual({ status: "unknown" });
  });

  it("is for owners only, for members of this organisation alone, and not for yourself", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const { userId } = await addMemberViaInvitation(acme, { email: "val@acme.test", role: "viewer" });
    await expect(issuePasswordReset(withRole(acme, "admin"), { userId }, ORIGIN)).rejects.toMatchObject({ code: "forbidden" });
    await expect(issuePasswordReset(globex, { userId }, ORIGIN)).rejects.toMatchObject({ code: "not_found" });
    await expect(issuePasswordReset(acme, { userId: acme.userId! }, ORIGIN)).rejects.toMatchObject({ code: "validation_failed" });
    await addMemberViaInvitation(globex, { email: "val@acme.test", role: "viewer" });
    await expect(issuePasswordReset(acme, { userId }, ORIGIN)).rejects.toMatchObject({ code: "conflict" });
    const bad = await issuePasswordReset(acme, { userId: "nope" }, ORIGIN).catch(toActionError);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { userId: expect.any(String) } });
  });
});
