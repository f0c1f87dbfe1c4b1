import { env } from "@/lib/env";
import type { TenantContext } from "@/lib/tenancy/context";
import { getConnectionView } from "./connection";
import { listDomains } from "./domains";
import { memberAccess } from "./enforce";
import { ssoUrls } from "./urls";

/** Everything the Single sign-on settings page shows, for an owner. */
export async function ssoSettings(ctx: TenantContext, origin: string) {
  const [connection, domains, access] = await Promise.all([getConnectionView(ctx), listDomains(ctx), memberAccess(ctx)]);
  return {
    available: env().sso !== null,
    urls: ssoUrls(origin, ctx.tenant.slug),
    spCertificate: env().sso?.spCertificate ?? null,
    connection,
    domains,
    members: access.members,
    enforced: access.enforced,
  };
}

export type SsoSettings = Awaited<ReturnType<typeof ssoSettings>>;
