import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, verifySignIn } from "@/lib/auth/sign-in";
import { ownerContext, PASSWORD } from "@/tests/fixtures";

const EMAIL = "owner@acme.test";

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and audits it", async () => {
    await ownerContext();
    const result = await verifySignIn({ email: "Owner@ACME.test", password: PASSWORD }, "203.0.113.7");
    expect(result).toMatchObject({ ok: true, user: { email: EMAIL } });
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "auth.signed_in"));
    expect(event).toMatchObject({ actorLabel: EMAIL, ip: "203.0.113.7" });
  });

  it("gives the same answer for a wrong password and an unknown email, and audits both", async () => {
    await ownerContext();
    expect(await verifySignIn({ email: EMAIL, password: "wrong-password-1" }, "203.0.113.7")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn({ email: "nobody@acme.test", password: PASSWORD }, "203.0.113.7")).toEqual({ ok: false, reason: "invalid" });
    const failures = await db().select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed"));
    expect(failures.map((f) => f.details.reason).sort()).toEqual(["unknown_email", "wrong_password"]);
    expect(JSON.stringify(failures)).not.toContain("wrong-password-1");
  });

  it("locks an account after repeated failures, even for the right password, until the window ends", async () => {
    await ownerContext();
    const now = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT.limit; i++) {
      await verifySignIn({ email: EMAIL, password: `wrong-${i}-password` }, `198.51.100.${i}`, now);
    }
    const blocked = await verifySignIn({ email: EMAIL, password: PASSWORD }, "198.51.100.99", now);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    const later = new Date(now.getTime() + ACCOUNT_FAILURE_LIMIT.windowSeconds * 1000);
    expect(await verifySignIn({ email: EMAIL, password: PASSWORD }, "198.51.100.99", later)).toMatchObject({ ok: true });
  });

  it("limits one address guessing across many accounts", async () => {
    await ownerContext();
    const now = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < IP_FAILURE_LIMIT.limit; i++) {
      await verifySignIn({ email: `guess${i}@acme.test`, password: "guess-password-1" }, "192.0.2.1", now);
    }
    expect(await verifySignIn({ email: EMAIL, password: PASSWORD }, "192.0.2.1", now)).toMatchObject({ reason: "rate_limited" });
    expect(await verifySignIn({ email: EMAIL, password: PASSWORD }, "192.0.2.2", now)).toMatchObject({ ok: true });
    const blocked = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in_blocked"), eq(auditEvents.ip, "192.0.2.1")));
    expect(blocked).toHaveLength(1);
  });
});
