import { cookies } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { logError } from "@/lib/log";
import { BINDING_COOKIE, flowReturnPath } from "@/lib/sso/flow";
import { seeOther } from "@/lib/sso/routes";

// The same-site step after the IdP: the binding cookie proves this browser started the flow; Auth.js issues the session.
export async function GET(_req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const jar = await cookies();
  const ticket = jar.get(BINDING_COOKIE)?.value ?? "";
  jar.delete({ name: BINDING_COOKIE, path: `/api/sso/${tenant}` });
  const returnPath = ticket ? await flowReturnPath(tenant, ticket) : null;
  if (!returnPath) return seeOther("/login?sso_error=other_browser");
  try {
    await signIn("sso", { tenant, ticket, redirectTo: returnPath });
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type !== "CredentialsSignin") logError("sso sign-in failed", error);
      return seeOther("/login?sso_error=flow_missing");
    }
    // signIn ends with a redirect, which Next.js implements as a thrown signal.
    throw error;
  }
  return seeOther("/login?sso_error=flow_missing");
}
