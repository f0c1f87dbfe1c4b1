import { logError } from "@/lib/log";
import { SsoError } from "./errors";

// A relative Location: the browser resolves it against the address it used, whatever proxy sits in front.
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** The browser goes on to the step that issues the session; a refusal lands on the sign-in page with its reason. */
export async function afterIdp(tenantSlug: string, work: () => Promise<void>): Promise<Response> {
  try {
    await work();
    return seeOther(`/api/sso/${encodeURIComponent(tenantSlug)}/complete`);
  } catch (error) {
    if (error instanceof SsoError) return seeOther(`/login?sso_error=${error.code}`);
    logError("sso callback failed", error);
    return seeOther("/login?sso_error=invalid_response");
  }
}
