"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { toActionError, type ActionResult } from "@/lib/action";
import { signIn } from "@/lib/auth";
import { clientIp } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";
import { completeSetup } from "@/lib/tenancy";
import type { SetupInput } from "@/lib/tenancy/schema";

export async function setupAction(input: SetupInput): Promise<ActionResult<never>> {
  let created: Awaited<ReturnType<typeof completeSetup>>;
  try {
    created = await completeSetup(input, { type: "anonymous", ip: clientIp(await headers()) });
  } catch (error) {
    return toActionError(error);
  }
  // The owner just chose this password: signed in with it at once, through the one sign-in path
  // (rate limit, audit), instead of being asked to type it again. signIn ends in a redirect.
  try {
    await signIn("credentials", { email: created.user.email, password: input.password, redirectTo: `/t/${created.tenant.slug}` });
  } catch (error) {
    unstable_rethrow(error);
    logError("sign-in after setup failed", error);
  }
  // Signing in could not finish (it should not): the sign-in page still works.
  redirect(`/login?setup=done&email=${encodeURIComponent(created.user.email)}`);
}
