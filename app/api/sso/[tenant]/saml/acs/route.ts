import { clientIp } from "@/lib/http/client-ip";
import { requestOrigin } from "@/lib/http/request-origin";
import { completeSaml } from "@/lib/sso/flow";
import { afterIdp } from "@/lib/sso/routes";

// The IdP's HTTP-POST binding. The browser's cookies do not come along on this cross-site POST,
// so the session is issued on the next, same-site step, where the flow's binding cookie is checked.
export async function POST(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const form = await req.formData().catch(() => null);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : null;
  };
  return afterIdp(tenant, () =>
    completeSaml(tenant, field("SAMLResponse"), field("RelayState"), requestOrigin(req.headers), clientIp(req.headers)),
  );
}
