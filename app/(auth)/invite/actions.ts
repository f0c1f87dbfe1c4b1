"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { toActionError, type ActionResult } from "@/lib/action";
import { signIn, signOut } from "@/lib/auth";
import { currentUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";
import { acceptInvitationAsUser, acceptInvitationWithPassword } from "@/lib/tenancy/invitations";
import type { AcceptInvitationInput } from "@/lib/tenancy/schema";

/** A new account from the invitation, then signed in with the password just chosen (as after setup). */
export async function acceptWithPasswordAction(token: string, input: AcceptInvitationInput): Promise<ActionResult<never>> {
  let joined: Awaited<ReturnType<typeof acceptInvitationWithPassword>>;
  try {
    joined = await acceptInvitationWithPassword(token, input, clientIp(await headers()));
  } catch (error) {
    return toActionError(error);
  }
  try {
    await signIn("credentials", { email: joined.email, password: input.password, redirectTo: `/t/${joined.tenant.slug}` });
  } catch (error) {
    unstable_rethrow(error);
    logError("sign-in after accepting an invitation failed", error);
  }
  redirect(`/login?next=${encodeURIComponent(`/t/${joined.tenant.slug}`)}&email=${encodeURIComponent(joined.email)}`);
}

/** The signed-in invitee joins with the account they have. */
export async function acceptAsUserAction(token: string): Promise<ActionResult<never>> {
  const user = await currentUser();
  if (!user) return { ok: false, error: "Sign in first." };
  let slug: string;
  try {
    slug = (await acceptInvitationAsUser(token, user, clientIp(await headers()))).tenant.slug;
  } catch (error) {
    return toActionError(error);
  }
  redirect(`/t/${slug}`);
}

/** Signed in as someone else: sign out and come back to the same link. */
export async function signOutToInvitationAction(token: string): Promise<void> {
  await signOut({ redirectTo: `/invite/${encodeURIComponent(token)}` });
}
