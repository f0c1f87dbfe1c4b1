import { AppError, invalid } from "@/lib/errors";
import { decryptCredentials } from "@/lib/integrations/credentials";
import type { IntegrationRow } from "@/lib/integrations/view";
import { getProvider } from "@/lib/providers";

export const DEFAULT_REFRESH_MARGIN_SECONDS = 300;

/** Where and how to talk OAuth for an integration; nothing secret, so pages may show it. */
export type OAuthProfile = {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string | null;
  scopes: string[];
  pkce: boolean;
  clientAuth: "client_secret_basic" | "client_secret_post";
  grantType: "authorization_code" | "client_credentials";
  refreshMarginSeconds: number;
};

/** `integrationId` and `tenantId` name whose request log and usage the token endpoint's calls go to. */
export type OAuthSettings = OAuthProfile & { clientId: string; clientSecret: string; integrationId: string; tenantId: string };

/** The integration's own config.oauth ("Custom OAuth2") over the catalog's; null when neither says. */
export function oauthProfile(row: IntegrationRow): OAuthProfile | null {
  if (row.authType !== "oauth2") return null;
  const own = row.config.oauth;
  if (own) {
    return {
      authorizeUrl: own.authorize_url,
      tokenUrl: own.token_url,
      revokeUrl: own.revoke_url ?? null,
      scopes: own.scopes,
      pkce: own.pkce,
      clientAuth: own.client_auth,
      grantType: own.grant_type,
      refreshMarginSeconds: DEFAULT_REFRESH_MARGIN_SECONDS,
    };
  }
  const provider = getProvider(row.provider);
  const catalog = provider?.oauth;
  if (!catalog) return null;
  // A sandbox integration talks to the provider's test authorization server where it has its own.
  const endpoints = (row.environment === "sandbox" && provider.sandboxOAuth) || catalog;
  return {
    authorizeUrl: endpoints.authorizeUrl,
    tokenUrl: endpoints.tokenUrl,
    revokeUrl: endpoints.revokeUrl ?? null,
    scopes: catalog.scopes,
    pkce: catalog.pkce,
    clientAuth: catalog.clientAuth,
    grantType: catalog.grantType ?? "authorization_code",
    refreshMarginSeconds: catalog.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS,
  };
}

/** The profile with the client credentials, for talking to the provider. */
export function oauthSettings(row: IntegrationRow): OAuthSettings {
  if (row.authType !== "oauth2") throw new AppError("conflict", "This integration does not use OAuth2.");
  const profile = oauthProfile(row);
  if (!profile) throw invalid("Set the OAuth endpoints first.", { "config.oauth": "Give the authorize and token URLs." });
  const credentials = decryptCredentials(row);
  if (!credentials.client_id || !credentials.client_secret) {
    throw invalid("Add the client ID and client secret first.", { "credentials.client_id": "Enter the client ID." });
  }
  return {
    ...profile,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    integrationId: row.id,
    tenantId: row.tenantId,
  };
}
