"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action";
import { assertStorable } from "@/lib/api/storable-text";
import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { decideConsent } from "@/lib/oauth-server/authorize";
import { issuerFromHeaders } from "@/lib/oauth-server/server";

/** The consent page's answer: where to send the browser (the app's redirect URI with a code or an error). */
export async function decideConsentAction(input: {
  request: string;
  tenant: string;
  decision: "allow" | "deny";
}): Promise<ActionResult<string>> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized", "Sign in again to answer this request.");
    assertStorable(input);
    const h = await headers();
    return { ok: true, data: await decideConsent({ id: user.id, email: user.email, ip: clientIp(h) }, input, issuerFromHeaders(h)) };
  } catch (error) {
    return toActionError(error);
  }
}
