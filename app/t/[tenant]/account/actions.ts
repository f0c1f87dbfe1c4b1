"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action";
import { signIn } from "@/lib/auth";
import { changeOwnPassword } from "@/lib/auth/passwords";
import { currentUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import type { ChangePasswordInput } from "@/lib/tenancy/schema";

/**
 * Changing the password ends every session that signed in before it; this browser is signed in
 * again with the new password (a fresh session cookie) so the person who changed it stays in.
 */
export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult<null>> {
  const user = await currentUser();
  if (!user) return { ok: false, error: "Your session ended: sign in again." };
  try {
    await changeOwnPassword(user, input, clientIp(await headers()));
    await signIn("credentials", { email: user.email, password: input.newPassword, redirect: false });
  } catch (error) {
    return toActionError(error);
  }
  return { ok: true, data: null };
}
