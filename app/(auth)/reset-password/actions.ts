"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { toActionError, type ActionResult } from "@/lib/action";
import { signIn } from "@/lib/auth";
import { completePasswordReset } from "@/lib/auth/passwords";
import { clientIp } from "@/lib/http/client-ip";
import type { CompletePasswordResetInput } from "@/lib/tenancy/schema";

export async function completePasswordResetAction(token: string, input: CompletePasswordResetInput): Promise<ActionResult<never>> {
  let email: string;
  try {
    ({ email } = await completePasswordReset(token, input, clientIp(await headers())));
  } catch (error) {
    return toActionError(error);
  }
  // Signed in with the new password through the one sign-in path; if that is refused (SSO enforced), the sign-in page explains.
  try {
    await signIn("credentials", { email, password: input.password, redirectTo: "/" });
  } catch (error) {
    unstable_rethrow(error);
  }
  redirect(`/login?email=${encodeURIComponent(email)}`);
}
