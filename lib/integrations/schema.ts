import { z } from "zod";
import { AUTH_TYPES, getProvider, ownOAuthEndpoints, type AuthType, type CredentialFieldName } from "@/lib/providers";
import { limitSchema } from "@/lib/pagination";
import type { HealthStatus } from "@/db/schema/health";
import { isJsonPath } from "@/lib/mapping/json-path";
import { CANONICAL_STATUSES } from "@/lib/mapping/statuses";

// Kept free of server imports: the integration forms validate with these same schemas.

export { CANONICAL_STATUSES, type CanonicalStatus } from "@/lib/mapping/statuses";
export const ENVIRONMENTS = ["production", "sandbox"] as const;
export const UPDATE_METHODS = ["polling", "sse", "webhook"] as const;
/** Whether the integration's credentials or OAuth grant work; the rules that move it are in connection-status.ts. */
export const CONNECTION_STATUSES = ["pending", "connected", "disconnected", "error", "expired"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** What made an outbound call; sync, import pushes and connectors add theirs. */
export const REQUEST_LOG_SOURCES = ["test", "health", "oauth", "sync"] as const;
export type RequestLogSource = (typeof REQUEST_LOG_SOURCES)[number];

const unknownKeys = (what: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" ? `${what} does not take ${issue.keys!.join(", ")}.` : undefined;

const secretValue = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .min(1, `Enter the ${label}.`)
    .max(4096, "At most 4096 characters.");

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

const apiKeyCredentials = z
  .strictObject(
    {
      api_key: secretValue("API key"),
      api_key_header: z.string().trim().regex(HEADER_NAME, "A header name uses letters, digits and hyphens, such as X-API-Key.").optional(),
      api_key_param: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]{1,100}$/, "A parameter name uses letters, digits, _ . and -.")
        .optional(),
    },
    { error: unknownKeys("An API key") },
  )
  .refine((c) => !(c.api_key_header && c.api_key_param), {
    path: ["api_key_param"],
    message: "Send the key either in a header or in a query parameter, not both.",
  });

export const CREDENTIALS_BY_AUTH = {
  none: z.strictObject({}, { error: unknownKeys("No authentication") }),
  api_key: apiKeyCredentials,
  bearer: z.strictObject({ token: secretValue("token") }, { error: unknownKeys("A bearer token") }),
  basic: z.strictObject(
    { username: z.string({ error: "Enter the username." }).min(1, "Enter the username.").max(500), password: secretValue("password") },
    { error: unknownKeys("Basic authentication") },
  ),
  oauth2: z.strictObject(
    {
      client_id: z.string({ error: "Enter the client ID." }).min(1, "Enter the client ID.").max(500),
      client_secret: secretValue("client secret"),
    },
    { error: unknownKeys("OAuth2") },
  ),
} satisfies Record<AuthType, z.ZodType>;

const AUTH_CHOICE = "Choose none, api_key, bearer, basic or oauth2.";
const authTypeSchema = z.enum(AUTH_TYPES, { error: AUTH_CHOICE });

const C = CREDENTIALS_BY_AUTH;

/** Replacing an integration's credentials, possibly switching its auth type; the previous secret is never needed. */
export const replaceCredentialsSchema = z.discriminatedUnion(
  "auth_type",
  [
    z.object({ auth_type: z.literal("none"), credentials: C.none.default({}) }),
    z.object({ auth_type: z.literal("api_key"), credentials: C.api_key }),
    z.object({ auth_type: z.literal("bearer"), credentials: C.bearer }),
    z.object({ auth_type: z.literal("basic"), credentials: C.basic }),
    z.object({ auth_type: z.literal("oauth2"), credentials: C.oauth2 }),
  ],
  { error: AUTH_CHOICE },
);
export type ReplaceCredentialsInput = z.input<typeof replaceCredentialsSchema>;
export type Credentials = Partial<Record<CredentialFieldName, string>>;

// http is accepted here and refused by checkOAuthUrls unless the server allows private networks, like base URLs.
const oauthUrl = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .max(2000, "At most 2000 characters.")
    .refine((v) => /^https?:\/\/[^/\s]+/i.test(v) && URL.canParse(v), `The ${label} must be an http(s):// URL.`)
    // Calls refuse userinfo (it would travel as Basic auth to whoever the URL names): refuse it here, where it can be fixed.
    .refine(
      (v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password),
      "Put the client ID and secret in the credentials fields, not in the URL.",
    );

const oauthConfig = z.strictObject({
  authorize_url: oauthUrl("authorize URL"),
  token_url: oauthUrl("token URL"),
  revoke_url: oauthUrl("revoke URL").optional(),
  scopes: z.array(z.string().trim().min(1).max(200)).max(50, "At most 50 scopes.").default([]),
  client_auth: z
    .enum(["client_secret_basic", "client_secret_post"], { error: "Choose client_secret_basic or client_secret_post." })
    .default("client_secret_basic"),
  grant_type: z
    .enum(["authorization_code", "client_credentials"], { error: "Choose authorization_code or client_credentials." })
    .default("authorization_code"),
  pkce: z.boolean({ error: "Use true or false." }).default(true),
});

const OAUTH_URL_LABELS = { authorize_url: "authorize URL", token_url: "token URL", revoke_url: "revoke URL" } as const;

function checkOAuthUrls(config: { oauth?: z.output<typeof oauthConfig> | null } | undefined, options: Options, ctx: z.RefinementCtx) {
  if (!config?.oauth) return;
  for (const [field, label] of Object.entries(OAUTH_URL_LABELS) as [keyof typeof OAUTH_URL_LABELS, string][]) {
    const value = config.oauth[field];
    if (!value || /^https:/i.test(value)) continue;
    if (!options.allowHttp)
      ctx.addIssue({ code: "custom", path: ["config", "oauth", field], message: `The ${label} must be an https:// URL.` });
    else if (!plainHttpAllowed(options, value))
      ctx.addIssue({ code: "custom", path: ["config", "oauth", field], message: PLAIN_HTTP_ALLOWLIST });
  }
}

const wholeSeconds = (min: number, max: number, unit: string) =>
  z
    .number({ error: `Enter a number of seconds from ${min} to ${max}.` })
    .int("Use whole seconds.")
    .min(min, `At least ${min} ${unit}.`)
    .max(max, `At most ${max} ${unit}.`);

const PATH_PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** A value that goes into a URL path as it is: nothing that could end the segment or start a query. */
// "@" is a path character too (RFC 3986 pchar), and Google calendar ids hold one (team@group.calendar.google.com).
export const PATH_PARAM_VALUE = /^[A-Za-z0-9._~@-]{1,200}$/;
const PATH_PARAM_VALUE_MESSAGE = "Letters, digits and . _ ~ - @ only: the value goes into the URL's path.";

export const configSchema = z.strictObject(
  {
    status_endpoint: z
      .string()
      .trim()
      .max(1000, "At most 1000 characters.")
      .regex(/^\/(?!\/)\S*$/, "A path under the base URL, starting with /, such as /v1/units.")
      .optional(),
    status_path: z
      .string()
      .trim()
      .max(200, "At most 200 characters.")
      .refine(isJsonPath, "A JSON path like $.units[*].status: start with $, then .key, ['key'], [*], [n] or ..key.")
      .optional(),
    status_mapping: z
      .partialRecord(
        z.enum(CANONICAL_STATUSES),
        z.array(z.string().trim().min(1, "A value cannot be empty.").max(200)).max(200),
        // zod reports unknown enum keys of a partial record as unrecognized_keys, which its types omit.
        {
          error: (issue) => {
            const { code, keys } = issue as { code?: string; keys?: string[] };
            return code === "unrecognized_keys"
              ? `${keys!.join(", ")} is not a status: map to ${CANONICAL_STATUSES.join(", ")}.`
              : undefined;
          },
        },
      )
      .optional(),
    update_method: z.enum(UPDATE_METHODS, { error: "Choose polling, sse or webhook." }).optional(),
    polling_interval_seconds: wholeSeconds(5, 300, "seconds").optional(),
    timeout_seconds: wholeSeconds(1, 60, "seconds").optional(),
    retry_count: z
      .number({ error: "Enter a number from 0 to 10." })
      .int("Use a whole number.")
      .min(0, "At least 0.")
      .max(10, "At most 10 retries.")
      .optional(),
    oauth: oauthConfig.optional(),
    path_params: z
      .record(
        z.string().regex(PATH_PARAM_NAME, "A name like realmId."),
        z.string().trim().regex(PATH_PARAM_VALUE, PATH_PARAM_VALUE_MESSAGE),
      )
      .refine((params) => Object.keys(params).length <= 20, "At most 20 path values.")
      .optional(),
  },
  { error: unknownKeys("config") },
);
export type IntegrationConfig = z.output<typeof configSchema>;

/** A patch's config: a key it names replaces the stored one, `null` removes it (JSON merge patch), others stay. */
export const configPatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(configSchema.shape).map(([key, field]) => [key, field.nullable()])) as {
    [K in keyof typeof configSchema.shape]: z.ZodNullable<(typeof configSchema.shape)[K]>;
  },
  { error: unknownKeys("config") },
);
export type IntegrationConfigPatch = z.input<typeof configPatchSchema>;

export const CONFIG_DEFAULTS = { update_method: "polling", polling_interval_seconds: 30, timeout_seconds: 10, retry_count: 2 } as const;

/**
 * Where plain http is accepted. `allowHttp`: the server allows it somewhere (private networks, or an
 * allowlist); `plainHttpTo`, known on the server only, says whether a URL's host is such a place.
 */
export type Options = { allowHttp: boolean; plainHttpTo?: (hostname: string) => boolean };

const PLAIN_HTTP_ALLOWLIST = "Use https://. Plain http is only allowed for addresses in the server's private allowlist.";

function plainHttpAllowed(options: Options, url: string): boolean {
  return options.allowHttp && (!URL.canParse(url) || (options.plainHttpTo?.(new URL(url).hostname) ?? true));
}

/** Base URL rules: http/https only, and https unless the server allows private networks (where plain http is usual). */
export function baseUrlSchema(options: Options) {
  return z
    .string({ error: "Enter the base URL." })
    .trim()
    .max(2000, "At most 2000 characters.")
    .superRefine((value, ctx) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      if (!url || !/^https?:$/.test(url.protocol))
        return void ctx.addIssue({ code: "custom", message: "Enter an http:// or https:// URL, such as https://api.example.com." });
      if (url.protocol === "http:" && !options.allowHttp)
        ctx.addIssue({ code: "custom", message: "Use https://. Plain http is only allowed when the server allows private networks." });
      else if (url.protocol === "http:" && !plainHttpAllowed(options, value))
        ctx.addIssue({ code: "custom", message: PLAIN_HTTP_ALLOWLIST });
      if (url.username || url.password)
        ctx.addIssue({ code: "custom", message: "Put credentials in the credentials fields, not in the URL." });
      if (url.search || url.hash)
        ctx.addIssue({ code: "custom", message: "Leave out ?query and #fragment; the base URL is the start of every path." });
    })
    .transform((v) => v.replace(/\/+$/, ""));
}

const nameSchema = z
  .string({ error: "Give the integration a name." })
  .trim()
  .min(1, "Give the integration a name.")
  .max(100, "At most 100 characters.");
const environmentSchema = z.enum(ENVIRONMENTS, { error: "Choose production or sandbox." });

export function createIntegrationSchema(options: Options) {
  return z
    .strictObject(
      {
        name: nameSchema,
        provider: z.string({ error: "Choose a provider." }).refine((k) => getProvider(k) !== null, "Choose a provider from the catalog."),
        environment: environmentSchema.default("production"),
        auth_type: authTypeSchema,
        base_url: baseUrlSchema(options).optional(),
        credentials: z.record(z.string(), z.unknown()).optional(),
        config: configSchema.default({}),
      },
      { error: unknownKeys("An integration") },
    )
    .superRefine((input, ctx) => {
      const provider = getProvider(input.provider);
      if (!provider) return;
      if (!provider.authModes.includes(input.auth_type)) {
        ctx.addIssue({ code: "custom", path: ["auth_type"], message: `${provider.name} supports ${provider.authModes.join(", ")}.` });
      }
      if (!input.base_url && !provider.baseUrl) {
        ctx.addIssue({
          code: "custom",
          path: ["base_url"],
          message: `Enter the base URL, such as ${provider.baseUrlHint ?? "https://api.example.com"}.`,
        });
      }
      if (ownOAuthEndpoints(provider) && !input.config.oauth) {
        ctx.addIssue({
          code: "custom",
          path: ["config", "oauth"],
          message: `${provider.name} needs config.oauth with the authorize and token URLs.`,
        });
      }
      if (input.credentials) checkCredentials(input.auth_type, input.credentials, ctx);
      checkOAuthUrls(input.config, options, ctx);
    });
}
export type CreateIntegrationInput = z.input<ReturnType<typeof createIntegrationSchema>>;

export function patchIntegrationSchema(options: Options) {
  return z
    .strictObject(
      {
        name: nameSchema.optional(),
        environment: environmentSchema.optional(),
        base_url: baseUrlSchema(options).optional(),
        config: configPatchSchema.optional(),
        status: z.enum(["enabled", "disabled"], { error: "Choose enabled or disabled." }).optional(),
        auth_type: authTypeSchema.optional(),
        credentials: z.record(z.string(), z.unknown()).optional(),
      },
      { error: unknownKeys("An integration") },
    )
    .refine((p) => !p.auth_type || p.auth_type === "none" || p.credentials, {
      path: ["credentials"],
      message: "Changing the auth type needs the new credentials too.",
    })
    .superRefine((p, ctx) => checkOAuthUrls(p.config, options, ctx));
}
export type PatchIntegrationInput = z.input<ReturnType<typeof patchIntegrationSchema>>;

/** Credentials validated against their auth type, with messages on `credentials.<field>`. */
function checkCredentials(authType: AuthType, credentials: unknown, ctx: z.RefinementCtx) {
  const parsed = replaceCredentialsSchema.safeParse({ auth_type: authType, credentials });
  if (parsed.success) return;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
}

export const INTEGRATION_SORTS = [
  "name",
  "-name",
  "created_at",
  "-created_at",
  "updated_at",
  "-updated_at",
  "provider",
  "-provider",
] as const;

// The health statuses the health monitor writes (db/schema/health.ts), spelled out so this module stays client-safe.
const HEALTH_FILTER = ["HEALTHY", "DEGRADED", "DOWN", "UNKNOWN"] as const satisfies readonly HealthStatus[];

/** List filters as query parameters carry them (strings), for the API and the list page alike. */
export const listIntegrationsSchema = z.object({
  q: z.string().trim().max(100, "At most 100 characters.").optional(),
  provider: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  environment: environmentSchema.optional(),
  status: z.enum(["enabled", "disabled"], { error: "Choose enabled or disabled." }).optional(),
  health: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(HEALTH_FILTER, { error: `Choose one of: ${HEALTH_FILTER.join(", ")}.` }))
    .optional(),
  connection_status: z.enum(CONNECTION_STATUSES, { error: `Choose one of: ${CONNECTION_STATUSES.join(", ")}.` }).optional(),
  sort: z.enum(INTEGRATION_SORTS, { error: `Sort by one of: ${INTEGRATION_SORTS.join(", ")}.` }).default("-created_at"),
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export type ListIntegrationsInput = z.input<typeof listIntegrationsSchema>;

export const listRequestLogsSchema = z.object({
  success: z.enum(["true", "false"], { error: "Use true or false." }).optional(),
  source: z.enum(REQUEST_LOG_SOURCES, { error: `Use ${REQUEST_LOG_SOURCES.join(", ")}.` }).optional(),
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export type ListRequestLogsInput = z.input<typeof listRequestLogsSchema>;
