import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hitLimit, peekLimit, clearLimit, type Limit } from "@/lib/rate-limit";
import { signInSchema } from "@/lib/tenancy/schema";
import { passwordSignInAllowed } from "@/lib/sso/enforce";
import { verifyPassword } from "./password";

// Failures, not attempts, count: a person who types their password right is never slowed down.
export const ACCOUNT_FAILURE_LIMIT: Limit = { limit: 5, windowSeconds: 15 * 60 };
export const IP_FAILURE_LIMIT: Limit = { limit: 30, windowSeconds: 15 * 60 };

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "rate_limited" | "sso_required"; retryAfterSeconds?: number };

export async function verifySignIn(raw: unknown, ip: string | null, now = new Date()): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(raw);
  const email = parsed.success ? parsed.data.email : String((raw as { email?: unknown })?.email ?? "").slice(0, 254);
  const accountKey = `signin:account:${email.toLowerCase()}`;
  const ipKey = ip ? `signin:ip:${ip}` : null;

  const [account, byIp] = await Promise.all([
    peekLimit(accountKey, ACCOUNT_FAILURE_LIMIT, now),
    ipKey ? peekLimit(ipKey, IP_FAILURE_LIMIT, now) : null,
  ]);
  const blocked = [account, byIp].find((s) => s?.exceeded);
  if (blocked) {
    await recordAudit({ actor: { type: "anonymous", label: email, ip }, action: "auth.sign_in_blocked", details: { email } });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.ceil((blocked.resetAt.getTime() - now.getTime()) / 1000) };
  }

  const [user] = parsed.success ? await db().select().from(users).where(eq(users.email, parsed.data.email)) : [];
  const valid = await verifyPassword(user?.passwordHash, parsed.success ? parsed.data.password : "");
  if (!user || !valid) {
    await Promise.all([
      hitLimit(accountKey, ACCOUNT_FAILURE_LIMIT, 1, now),
      ipKey ? hitLimit(ipKey, IP_FAILURE_LIMIT, 1, now) : null,
      recordAudit({
        actor: { type: "anonymous", label: email, ip },
        action: "auth.sign_in_failed",
        target: user ? { type: "user", id: user.id } : null,
        details: { email, reason: user ? "wrong_password" : "unknown_email" },
      }),
    ]);
    return { ok: false, reason: "invalid" };
  }

  // Checked after the password, so the answer reveals nothing to someone who does not know it.
  if (!(await passwordSignInAllowed(user))) {
    await recordAudit({
      actor: { type: "user", id: user.id, label: user.email, ip },
      action: "auth.sign_in_refused",
      target: { type: "user", id: user.id },
      details: { email, reason: "sso_required" },
    });
    return { ok: false, reason: "sso_required" };
  }

  await Promise.all([
    clearLimit(accountKey),
    db().update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)),
    recordAudit({
      actor: { type: "user", id: user.id, label: user.email, ip },
      action: "auth.signed_in",
      target: { type: "user", id: user.id },
    }),
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
