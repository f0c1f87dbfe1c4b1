// Kept free of server imports: the provider picker in the browser reads the catalog too.
export const AUTH_TYPES = ["none", "api_key", "bearer", "basic", "oauth2"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const CATEGORIES = {
  payments: "Payments",
  sms: "SMS",
  email: "Email",
  accounting: "Accounting",
  crm: "CRM",
  calendar_mail: "Calendar and mail",
  chat_dev: "Chat and development",
  commerce_support: "Commerce and support",
  custom: "Custom",
} as const;
export type Category = keyof typeof CATEGORIES;

export const CREDENTIAL_FIELDS = [
  "api_key",
  "api_key_header",
  "api_key_param",
  "token",
  "username",
  "password",
  "client_id",
  "client_secret",
] as const;
export type CredentialFieldName = (typeof CREDENTIAL_FIELDS)[number];

export type CredentialField = { name: CredentialFieldName; label: string; help?: string; secret: boolean; optional?: boolean };

/** Where an API key goes when the admin does not say otherwise. */
export type ApiKeyPlacement = { in: "header"; name: string; prefix?: string } | { in: "query"; name: string };

export type ProviderOAuth = {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl?: string;
  scopes: string[];
  pkce: boolean;
  clientAuth: "client_secret_basic" | "client_secret_post";
  /** Machine-to-machine providers use client_credentials; the default is authorization_code. */
  grantType?: "authorization_code" | "client_credentials";
  /** How long before expiry a token is refreshed; 300 s unless the provider needs otherwise. */
  refreshMarginSeconds?: number;
};

/** At most `requests` calls per `perSeconds` seconds, in bursts of up to `requests`. */
export type ProviderRateLimit = { requests: number; perSeconds: number };

export type Provider = {
  key: string;
  name: string;
  category: Category;
  /** Two letters and a brand colour: icons are drawn locally, never fetched. */
  icon: { monogram: string; color: string };
  description: string;
  authModes: AuthType[];
  /** Null when each account has its own host (a shop or subdomain); `baseUrlHint` shows its form. */
  baseUrl: string | null;
  baseUrlHint?: string;
  /** Null for the custom providers: their docs are the admin's own API's. */
  docsUrl: string | null;
  /** Path under the base URL that proves the credentials work; also used for health checks. */
  testEndpoint: string | null;
  apiKey?: ApiKeyPlacement;
  /** Labels and help for this provider's credential fields, over the generic ones. */
  labels?: Partial<Record<CredentialFieldName, { label: string; help?: string }>>;
  statusHints?: { statusPath: string; note: string };
  oauth?: ProviderOAuth;
  /** The provider's documented limit for one set of credentials; Patchbay's calls to an integration stay under it. */
  rateLimit?: ProviderRateLimit;
  /** Values the provider's paths name as `{name}`, such as QuickBooks' company id; `fromCallback` ones arrive on the OAuth redirect. */
  pathParams?: { name: string; label: string; fromCallback?: boolean }[];
  /** For providers that answer a failed call with 200 and a flag in the body (Slack's `ok: false`): where the flag and the error code are. */
  errorsIn200?: { okField: string; errorField: string; credentialErrors: string[] };
  /** The admin describes the API: the catalog gives no name, host or test path, and no OAuth endpoints when it offers OAuth2. */
  custom?: true;
  note?: string;
  /** The provider's test host, used by integrations in the sandbox environment unless the admin gives another. */
  sandboxBaseUrl?: string;
  /** OAuth endpoints of the provider's test environment, where they differ from production's. */
  sandboxOAuth?: Pick<ProviderOAuth, "authorizeUrl" | "tokenUrl" | "revokeUrl">;
  /** How the provider does test mode when it has no separate host (test keys on the production host). */
  sandboxNote?: string;
};

/** How a receiver checks a request's signature: its key in the API, its name on a receiver, its label in the receiver dialog, its line in the API docs. */
export type ReceiverSchemeSpec = { scheme: string; name: string; label: string; doc: string };

/** What a provider needs beyond its catalog entry, declared in `lib/providers/<key>/`; server code sits beside it. */
export type ProviderAdapter = { key: string; receiver?: ReceiverSchemeSpec };
