import { z } from "zod";
import { SCOPE_DESCRIPTIONS } from "@/lib/api-keys/scopes";
import { ALERT_OPERATIONS } from "./alert-operations";
import { HEALTH_OPERATIONS } from "./health-operations";
import { INTEGRATION_OPERATIONS } from "./integration-operations";
import { OAUTH_OPERATIONS } from "./oauth-operations";
import { OAUTH_SERVER_OPERATIONS } from "./oauth-server-operations";
import { OPERATIONS, type Operation } from "./operations";
import { SSO_OPERATIONS } from "./sso-operations";
import { SYNC_OPERATIONS } from "./sync-operations";
import { WEBHOOK_OPERATIONS } from "./webhook-operations";
import { IMPORT_OPERATIONS } from "./import-operations";
import { errorSchema } from "./responses";

const ERROR_EXAMPLES: Record<number, { description: string; code: string; message: string; fields?: Record<string, string> }> = {
  400: { description: "Malformed request", code: "bad_request", message: "The request body is not valid JSON." },
  401: {
    description: "Missing, malformed, unknown, revoked or expired key",
    code: "unauthorized",
    message: "A valid API key or OAuth access token is required: Authorization: Bearer <key or token>.",
  },
  403: {
    description: "The key lacks the scope, or is used from an address outside its allowlist",
    code: "forbidden",
    message: "This API key lacks the scope api_keys:write.",
  },
  404: { description: "Not found (also for another organisation's id)", code: "not_found", message: "API key not found" },
  409: {
    description: "A request with the same Idempotency-Key is still in progress",
    code: "conflict",
    message: "A request with this Idempotency-Key is still in progress.",
  },
  413: { description: "The JSON body is larger than 1 MB", code: "payload_too_large", message: "The request body is larger than 1024 KB." },
  415: {
    description: "The body is not sent as JSON",
    code: "unsupported_media_type",
    message: "The request body must be JSON, sent with Content-Type: application/json.",
  },
  422: {
    description: "Invalid input, with a message per field (also any string holding NUL or an unpaired surrogate)",
    code: "validation_failed",
    message: "The request body is not valid.",
    fields: { name: "Give the key a name." },
  },
  424: {
    description: "The integration's OAuth2 connection has no usable token: not connected, expired, or a refresh failed in the last 30 s",
    code: "failed_dependency",
    message: "The OAuth connection has expired: The provider answered invalid_grant. Reconnect the integration.",
  },
  429: {
    description: "Rate limit exceeded (per key, or per client address where no key is needed); see Retry-After",
    code: "rate_limited",
    message: "Rate limit exceeded for this API key; retry after the reset.",
  },
};

const RATE_HEADERS = Object.fromEntries(
  ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"].map((name) => [
    name,
    {
      description: name === "RateLimit-Reset" ? "Seconds until the window resets" : `${name.slice(10)} of the tighter window`,
      schema: { type: "integer" },
    },
  ]),
);

/**
 * A recursive schema (z.json(), in the rules engine's `default` rule) comes back with local
 * `$defs` that an embedded schema cannot resolve from the document root: such a reference is
 * documented as any JSON value, which is what it is.
 */
function withoutLocalDefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLocalDefs);
  if (!node || typeof node !== "object") return node;
  const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$defs"));
  if (typeof rest.$ref === "string" && rest.$ref.startsWith("#/$defs/")) return {};
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withoutLocalDefs(v)]));
}

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  withoutLocalDefs(z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" })) as Record<string, unknown>;

// Resource groups in the reference, in reading order; an operation's group follows from its path
// (or its own `tag`), so a new resource's operations get a group of their own without a list to keep.
const TAGS: { name: string; description: string; match?: RegExp }[] = [
  { name: "Account", description: "Who the key acts for, and this document.", match: /^\/(me|openapi\.json)$/ },
  { name: "Providers", description: "The catalog of services Patchbay connects to.", match: /^\/providers/ },
  { name: "Health", description: "Health checks, status and history.", match: /^\/integrations\/(health|\{id\}\/health)/ },
  {
    name: "OAuth",
    description: "Connecting, refreshing and disconnecting OAuth grants.",
    match: /^\/integrations\/\{id\}\/(oauth|connect|disconnect|refresh-token)/,
  },
  {
    name: "Incoming webhooks",
    description: "Receiver URLs and the events providers posted to them.",
    match: /^\/integrations\/\{id\}\/(receivers|events)/,
  },
  {
    name: "Sync",
    description: "Streams that move records between integrations and entities, and their runs.",
    match: /^\/(integrations\/\{id\}\/(streams|sync)|sync-runs)/,
  },
  { name: "Integrations", description: "Connections to the services your organisation runs on.", match: /^\/integrations/ },
  { name: "Data model", description: "Entities (the organisation's record types) and their records.", match: /^\/entities/ },
  {
    name: "Import and export",
    description: "File imports with templates and dry runs, and exports with metadata.",
    match: /^\/(import|export)/,
  },
  { name: "Webhooks", description: "Outgoing webhook endpoints, deliveries and retries.", match: /^\/webhooks/ },
  { name: "API keys", description: "Keys for this API, their scopes and rotation.", match: /^\/api-keys/ },
  { name: "OAuth apps", description: "Clients of Patchbay's own OAuth server.", match: /^\/oauth-clients/ },
  { name: "Single sign-on", description: "The identity provider admins sign in with, verified domains and enforcement.", match: /^\/sso/ },
  { name: "Audit log", description: "Every change and sign-in, append-only.", match: /^\/audit-events/ },
  { name: "Alerts", description: "Notification channels and in-app notifications.", match: /^\/(alert-channels|notifications)/ },
];

export function tagOf(op: Pick<Operation, "path" | "tag">): string {
  if (op.tag) return op.tag;
  const known = TAGS.find((t) => t.match?.test(op.path));
  if (known) return known.name;
  const first = op.path.split("/")[1] ?? "";
  return first.charAt(0).toUpperCase() + first.slice(1).replace(/-/g, " ");
}

function operationObject(op: Operation) {
  const params: Record<string, unknown>[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: op.pathParams?.[m[1]!] ?? { type: "string", format: "uuid" },
  }));
  if (op.query) {
    const query = jsonSchema(op.query, "input") as { properties?: Record<string, Record<string, unknown>> };
    for (const [name, schema] of Object.entries(query.properties ?? {})) params.push({ name, in: "query", required: false, schema });
  }
  const responses: Record<string, unknown> = {
    [op.success.status]: {
      description: op.success.description,
      headers: RATE_HEADERS,
      ...(op.success.schema
        ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output"), example: op.success.example } } }
        : {}),
      ...(op.produces
        ? { content: Object.fromEntries(op.produces.map((t) => [t, { schema: { type: "string", format: "binary" } }])) }
        : {}),
    },
  };
  // Every JSON body goes through lib/api/read-json, which refuses these before the route sees it.
  const errors = op.body ? [...new Set([...op.errors, 400, 413, 415, 422])].sort((a, b) => a - b) : op.errors;
  for (const status of errors) {
    const { description, ...body } = ERROR_EXAMPLES[status]!;
    responses[status] = {
      description,
      ...(status === 429
        ? { headers: { ...RATE_HEADERS, "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } }
        : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { error: body } } },
    };
  }
  return {
    operationId: `${op.method}${op.path.replace(/[{}.]/g, "").replace(/(^|[/-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    tags: [tagOf(op)],
    ...(op.description || op.scope
      ? { description: [op.description, op.scope ? `Needs the scope \`${op.scope}\`.` : null].filter(Boolean).join(" ") }
      : {}),
    security: op.authenticated === false ? [] : [{ apiKey: [] }, { oauth2: op.scope ? [op.scope] : [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(op.method === "post" && op.authenticated !== false
      ? {
          parameters: [
            ...params,
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Replays the first response for 24 hours for the same key and body.",
              schema: { type: "string", maxLength: 255 },
            },
          ],
        }
      : {}),
    ...(op.multipart
      ? {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: { type: "object", properties: op.multipart.properties, required: op.multipart.required } },
            },
          },
        }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(op.body.schema, "input"), example: op.body.example } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * `serverUrl` is where /api/v1 is; the OAuth endpoints sit at the same origin's root, so a
 * relative server URL gives relative token and authorize URLs, which /docs resolves against the page.
 */
export function buildOpenApiDocument(serverUrl = "/api/v1") {
  const origin = serverUrl.replace(/\/api\/v1\/?$/, "");
  const scopes = Object.fromEntries(Object.entries(SCOPE_DESCRIPTIONS));
  const paths: Record<string, Record<string, unknown>> = {};
  const operations = [
    ...OPERATIONS,
    ...INTEGRATION_OPERATIONS,
    ...OAUTH_OPERATIONS,
    ...HEALTH_OPERATIONS,
    ...WEBHOOK_OPERATIONS,
    ...ALERT_OPERATIONS,
    ...SYNC_OPERATIONS,
    ...IMPORT_OPERATIONS,
    ...OAUTH_SERVER_OPERATIONS,
    ...SSO_OPERATIONS,
  ];
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const used = [...new Set(operations.map(tagOf))];
  const order = (name: string) => {
    const at = TAGS.findIndex((t) => t.name === name);
    return at === -1 ? TAGS.length : at;
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Patchbay API",
      version: "1.0.0",
      description:
        "Drive Patchbay from other systems. Authenticate with an API key (Settings → API keys) sent as `Authorization: Bearer <key>`, " +
        "or with an OAuth 2.0 access token (Settings → OAuth apps) sent the same way. " +
        "Each key carries scopes, an optional expiry and IP allowlist, and per-minute and per-hour rate limits reported in RateLimit-* headers; " +
        "an access token carries the scopes it was granted and its app's rate limits.\n\n" +
        `OAuth 2.0: authorization code with PKCE (S256) and consent, client credentials, refresh tokens (rotated; a reused one revokes the grant). ` +
        `Endpoints: \`${origin}/oauth/authorize\`, \`${origin}/oauth/token\`, \`${origin}/oauth/revoke\` (RFC 7009), ` +
        `\`${origin}/oauth/introspect\` (RFC 7662); metadata at \`${origin}/.well-known/oauth-authorization-server\` (RFC 8414).\n\n` +
        `Scopes:\n${Object.entries(SCOPE_DESCRIPTIONS)
          .map(([s, d]) => `- \`${s}\`: ${d}`)
          .join("\n")}`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { oauth2: [] }],
    tags: used
      .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
      .map((name) => ({
        name,
        ...(TAGS.find((t) => t.name === name) ? { description: TAGS.find((t) => t.name === name)!.description } : {}),
      })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "A Patchbay API key: pb_live_…, or pb_test_… for a test key that sees sandbox integrations only",
        },
        oauth2: {
          type: "oauth2",
          description: "An access token (pbo_at_…) from Patchbay's OAuth 2.0 server; register the app under Settings → OAuth apps.",
          flows: {
            authorizationCode: {
              authorizationUrl: `${origin}/oauth/authorize`,
              tokenUrl: `${origin}/oauth/token`,
              refreshUrl: `${origin}/oauth/token`,
              scopes,
            },
            clientCredentials: { tokenUrl: `${origin}/oauth/token`, scopes },
          },
        },
      },
      schemas: { Error: jsonSchema(errorSchema, "output") },
    },
  };
}
