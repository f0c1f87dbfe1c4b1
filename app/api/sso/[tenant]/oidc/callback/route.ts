import { clientIp } from "@/lib/http/client-ip";
import { requestOrigin } from "@/lib/http/request-origin";
import { completeOidc } from "@/lib/sso/flow";
import { afterIdp } from "@/lib/sso/routes";

// The OIDC provider's redirect back; the redirect_uri the token call repeats is rebuilt on the public origin.
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const url = new URL(req.url);
  const callbackUrl = new URL(url.pathname + url.search, requestOrigin(req.headers));
  return afterIdp(tenant, () => completeOidc(tenant, callbackUrl, clientIp(req.headers)));
}
