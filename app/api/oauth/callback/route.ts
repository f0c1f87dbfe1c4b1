import { currentUser } from "@/lib/auth/session";
import { logError } from "@/lib/log";
import { callbackRedirect, completeAuthorization } from "@/lib/oauth";

// The provider's redirect back after consent; everything it decides lives in lib/oauth.
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  try {
    const user = await currentUser();
    const outcome = await completeAuthorization(
      {
        state: params.get("state"),
        code: params.get("code"),
        error: params.get("error"),
        errorDescription: params.get("error_description"),
        extra: Object.fromEntries(params),
      },
      user?.id ?? null,
    );
    return redirect(callbackRedirect(outcome));
  } catch (error) {
    logError("oauth callback failed", error);
    return redirect("/oauth/error?reason=internal");
  }
}

// A relative Location: the browser resolves it against the address it used, whatever proxy sits in front.
function redirect(location: string) {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
