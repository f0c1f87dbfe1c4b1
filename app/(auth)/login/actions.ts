"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { fieldErrorsOf } from "@/lib/errors";
import { logError } from "@/lib/log";
import type { ActionResult } from "@/lib/action";
import { signIn, signOut } from "@/lib/auth";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { signInSchema } from "@/lib/tenancy/schema";

export async function signInAction(input: { email: string; password: string }, next?: string): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirectTarget(next) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { ok: false, error: "Too many failed attempts. Wait 15 minutes, then try again." };
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
