// Kept free of server imports: the create-key form in the browser lists these too.
export const SCOPES = [
  "integrations:read",
  "integrations:write",
  "webhooks:read",
  "webhooks:write",
  "api_keys:write",
  "imports:write",
  "exports:read",
  "audit:read",
  "alerts:read",
  "alerts:write",
  "sync:read",
  "sync:write",
  "sso:write",
] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "integrations:read": "List integrations, their health and logs",
  "integrations:write": "Create, change, test and delete integrations",
  "webhooks:read": "List webhook endpoints and deliveries",
  "webhooks:write": "Manage webhook endpoints and resend deliveries",
  "api_keys:write": "Create, rotate and revoke API keys",
  "imports:write": "Upload, validate and run imports; download templates and error reports",
  "exports:read": "Export integrations, health history, deliveries, the audit log, entity records and sync runs",
  "audit:read": "Read the audit log",
  "alerts:read": "List alert channels and in-app notifications",
  "alerts:write": "Manage alert channels and send test notifications",
  "sync:read": "List entities, records, streams and sync runs",
  "sync:write": "Define entities and streams, start and cancel sync runs",
  "sso:write": "Read and change single sign-on: the identity provider, verified domains and enforcement (owner-level)",
};

/** Scopes that act as an owner would (members' sign-in): only an owner may grant them to an OAuth app. */
export const OWNER_SCOPES: readonly Scope[] = ["sso:write"];
