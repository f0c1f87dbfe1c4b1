"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { fieldErrorsOf } from "@/lib/errors";
import { logError } from "@/lib/log";
import type { ActionResult } from "@/lib/action";
import { signIn, signOut } from "@/lib/auth";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { requestOrigin } from "@/lib/http/request-origin";
import { BINDING_COOKIE, FLOW_TTL_MS, startSsoSignIn } from "@/lib/sso/flow";
import { emailStepSchema } from "@/lib/sso/schema";
import { signInSchema } from "@/lib/tenancy/schema";

/** The email step: a verified SSO domain goes to its IdP (the browser is bound to the flow by a cookie); others get the password field. */
export async function continueWithEmailAction(input: { email: string }, next?: string): Promise<ActionResult<{ step: "password" }>> {
  const parsed = emailStepSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const origin = requestOrigin(await headers());
  let start;
  try {
    start = await startSsoSignIn(parsed.data.email, next, origin);
  } catch (error) {
    logError("sso start failed", error);
    return {
      ok: false,
      error: "Your organisation's identity provider could not be reached. Try again; if it keeps failing, tell your administrator.",
    };
  }
  if (start.kind === "password") return { ok: true, data: { step: "password" } };
  (await cookies()).set(BINDING_COOKIE, start.binding, {
    httpOnly: true,
    sameSite: "lax",
    secure: origin.startsWith("https:"),
    path: `/api/sso/${start.tenantSlug}`,
    maxAge: FLOW_TTL_MS / 1000,
  });
  redirect(start.url);
}

export async function signInAction(input: { email: string; password: string }, next?: string): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirectTarget(next) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { ok: false, error: "Too many failed attempts. Wait 15 minutes, then try again." };
    }
    if (error instanceof CredentialsSignin && error.code === "sso_required") {
      return { ok: false, error: "Your organisation requires single sign-on: sign in with your email through its identity provider." };
    }
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      return { ok: false, error: "Email or password is incorrect." };
    }
    if (error instanceof AuthError) {
      logError("sign-in failed", error);
      return { ok: false, error: "Sign-in failed on our side. Try again; if it keeps failing, check the server log." };
    }
    // signIn finishes with a redirect, which Next.js implements as a thrown signal.
    throw error;
  }
  return { ok: false, error: "Sign-in did not complete." };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
