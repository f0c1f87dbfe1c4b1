"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { toActionError, type ActionResult } from "@/lib/action";
import { clientIp } from "@/lib/http/client-ip";
import { completeSetup } from "@/lib/tenancy";
import type { SetupInput } from "@/lib/tenancy/schema";

export async function setupAction(input: SetupInput): Promise<ActionResult<never>> {
  let email: string;
  try {
    const { user } = await completeSetup(input, { type: "anonymous", ip: clientIp(await headers()) });
    email = user.email;
  } catch (error) {
    return toActionError(error);
  }
  redirect(`/login?setup=done&email=${encodeURIComponent(email)}`);
}
