import { BUSINESS_PROVIDERS } from "./entries/business";
import { MESSAGING_PROVIDERS } from "./entries/messaging";
import { PAYMENT_PROVIDERS } from "./entries/payments";
import { PLATFORM_PROVIDERS } from "./entries/platforms";
import { CATEGORIES, type AuthType, type CredentialField, type Provider } from "./types";

export * from "./types";

export const PROVIDERS: readonly Provider[] = [...PAYMENT_PROVIDERS, ...MESSAGING_PROVIDERS, ...BUSINESS_PROVIDERS, ...PLATFORM_PROVIDERS];

const BY_KEY = new Map(PROVIDERS.map((p) => [p.key, p]));

export function getProvider(key: string): Provider | null {
  return BY_KEY.get(key) ?? null;
}

/** Whether an integration of this provider brings its own OAuth endpoints in `config.oauth`. */
export function ownOAuthEndpoints(provider: Provider): boolean {
  return provider.custom === true && provider.authModes.includes("oauth2");
}

const GENERIC_FIELDS: Record<AuthType, CredentialField[]> = {
  none: [],
  api_key: [
    { name: "api_key", label: "API key", secret: true },
    { name: "api_key_header", label: "Header name", help: "Leave empty for the provider's usual header.", secret: false, optional: true },
    { name: "api_key_param", label: "Query parameter", help: "Only for APIs that take the key in the URL.", secret: false, optional: true },
  ],
  bearer: [{ name: "token", label: "Bearer token", secret: true }],
  basic: [
    { name: "username", label: "Username", secret: false },
    { name: "password", label: "Password", secret: true },
  ],
  oauth2: [
    { name: "client_id", label: "Client ID", secret: false },
    { name: "client_secret", label: "Client secret", secret: true },
  ],
};

/** The form fields for one auth type of one provider, with the provider's own words where it has them. */
export function credentialFieldsFor(provider: Provider, authType: AuthType): CredentialField[] {
  return GENERIC_FIELDS[authType].map((field) => ({ ...field, ...provider.labels?.[field.name] }));
}

/** The host an integration of this provider starts with: the sandbox one in the sandbox environment, where the provider has one. */
export function defaultBaseUrl(provider: Provider, environment: "production" | "sandbox"): string | null {
  return (environment === "sandbox" ? provider.sandboxBaseUrl : undefined) ?? provider.baseUrl;
}

/** The catalog as `GET /api/v1/providers` serves it. */
export function publicProvider(p: Provider) {
  return {
    key: p.key,
    name: p.name,
    category: p.category,
    category_label: CATEGORIES[p.category],
    icon: p.icon,
    description: p.description,
    auth_modes: p.authModes,
    default_base_url: p.baseUrl,
    base_url_hint: p.baseUrlHint ?? p.baseUrl,
    docs_url: p.docsUrl,
    test_endpoint: p.testEndpoint,
    api_key_placement: p.apiKey ?? null,
    credential_fields: Object.fromEntries(p.authModes.map((mode) => [mode, credentialFieldsFor(p, mode)])),
    status_hints: p.statusHints ? { status_path: p.statusHints.statusPath, note: p.statusHints.note } : null,
    oauth: p.oauth
      ? {
          authorize_url: p.oauth.authorizeUrl,
          token_url: p.oauth.tokenUrl,
          revoke_url: p.oauth.revokeUrl ?? null,
          default_scopes: p.oauth.scopes,
          pkce: p.oauth.pkce,
          client_auth: p.oauth.clientAuth,
        }
      : null,
    note: p.note ?? null,
    sandbox_base_url: p.sandboxBaseUrl ?? null,
    sandbox_oauth: p.sandboxOAuth
      ? {
          authorize_url: p.sandboxOAuth.authorizeUrl,
          token_url: p.sandboxOAuth.tokenUrl,
          revoke_url: p.sandboxOAuth.revokeUrl ?? null,
        }
      : null,
    sandbox_note: p.sandboxNote ?? null,
  };
}
