import type { Redactor } from "@/lib/http/redact";
import { getAccessToken, storedTokens } from "@/lib/oauth/access-token";
import type { AuthType, Provider } from "@/lib/providers";
import { decryptCredentials, redactorFor } from "./credentials";
import type { Credentials } from "./schema";
import type { IntegrationRow } from "./view";

export type OutboundAuth = {
  url: URL;
  headers: Record<string, string>;
  /** Header and query names that carry the secret, for redaction and for dropping on cross-origin redirects. */
  secretHeaders: string[];
  secretParams: string[];
};

/** Puts the credentials where the auth type (and the provider's usual placement) says. */
export function applyAuth(authType: AuthType, credentials: Credentials, provider: Provider | null, target: URL): OutboundAuth {
  const url = new URL(target);
  const headers: Record<string, string> = {};
  const out = { url, headers, secretHeaders: [] as string[], secretParams: [] as string[] };
  if ((authType === "bearer" || authType === "oauth2") && credentials.token) {
    headers.authorization = `Bearer ${credentials.token}`;
  } else if (authType === "basic" && credentials.username !== undefined && credentials.password) {
    headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;
  } else if (authType === "api_key" && credentials.api_key) {
    const usual = provider?.apiKey ?? { in: "header" as const, name: "X-API-Key" };
    if (credentials.api_key_param || (!credentials.api_key_header && usual.in === "query")) {
      const name = credentials.api_key_param ?? usual.name;
      url.searchParams.set(name, credentials.api_key);
      out.secretParams.push(name);
    } else {
      const name = credentials.api_key_header ?? usual.name;
      // The provider's prefix (such as "Bearer ") belongs to its own header, not to one the admin chose.
      const prefix = !credentials.api_key_header && usual.in === "header" ? (usual.prefix ?? "") : "";
      headers[name.toLowerCase()] = `${prefix}${credentials.api_key}`;
      out.secretHeaders.push(name.toLowerCase());
    }
  }
  return out;
}

/** What an outbound call authenticates with, and the redactor that knows every secret of the integration. */
export type OutboundCredentials = { credentials: Credentials; redact: Redactor };

/**
 * The stored credentials, or for OAuth2 a current access token in `token` (refreshed first
 * when due; a 424 AppError when there is none). The redactor also knows the client secret and
 * the stored access and refresh tokens.
 */
export async function outboundCredentials(
  row: Pick<IntegrationRow, "id" | "tenantId" | "authType" | "credentials">,
): Promise<OutboundCredentials> {
  const stored = decryptCredentials(row);
  if (row.authType !== "oauth2") return { credentials: stored, redact: redactorFor(stored) };
  const token = await getAccessToken(row);
  return { credentials: { token }, redact: redactorFor(stored, [token, ...(await storedTokens(row))]) };
}
