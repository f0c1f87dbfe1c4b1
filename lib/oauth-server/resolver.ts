import type { PrincipalResolver } from "@/lib/api/principal";
import { authenticateAccessToken, consumeClientLimits } from "./access";
import { ACCESS_TOKEN_PREFIX } from "./format";
import { recordScopeUse } from "./usage";

/**
 * OAuth access tokens (pbo_at_…) as `/api/v1` principals. The audit trail names the client and,
 * for a consented grant, the admin who consented; rate limits are the client's.
 */
export const oauthAccessTokenResolver: PrincipalResolver = async (token, ip) => {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return null;
  const grant = await authenticateAccessToken(token);
  if (!grant) return { outcome: "invalid" };
  const { client, consentedBy } = grant;
  const label = `OAuth app ${client.name} (${client.clientId})${consentedBy ? `, consented by ${consentedBy.label}` : ""}`;
  return {
    outcome: "authenticated",
    principal: {
      tenant: grant.tenant,
      scopes: grant.scopes,
      actor: { type: "oauth_client", id: client.id, label, ip },
      mode: "live",
      credential: {
        type: "oauth_access_token",
        id: grant.tokenId,
        client: { id: client.id, clientId: client.clientId, name: client.name },
        consentedBy: consentedBy?.label ?? null,
      },
    },
    consumeLimits: () => consumeClientLimits(grant),
    noteScope: (scope) => recordScopeUse(client.tenantId, client.id, scope),
  };
};
