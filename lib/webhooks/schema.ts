import { z } from "zod";
import { limitSchema } from "@/lib/pagination";
import { SUBSCRIBABLE_EVENT_TYPES } from "./catalog";
import { ENDPOINT_AUTH_TYPES, ENDPOINT_HTTP_METHODS, HMAC_SIGNATURE_HEADER, type EndpointAuthType } from "./endpoint-options";
import { RECEIVER_SCHEMES } from "./incoming/schemes";
import { MAX_DELAY_SECONDS, MAX_RETRIES_LIMIT } from "./retry-policy";

// Kept free of server imports: the endpoint and receiver forms validate with these same schemas.

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
// Patchbay sets these itself; a custom value would break signing or the request framing.
const RESERVED_HEADERS = new Set([
  "host",
  "content-type",
  "content-length",
  "connection",
  "transfer-encoding",
  "user-agent",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  HMAC_SIGNATURE_HEADER,
]);

/**
 * Where plain http is accepted. `allowHttp`: the server allows it somewhere (private networks, or an
 * allowlist); `plainHttpTo`, known on the server only, says whether a URL's host is such a place.
 * `storedAuthType`: the edit form's endpoint already has credentials of this type, so leaving
 * them empty keeps them.
 */
export type SchemaOptions = { allowHttp: boolean; plainHttpTo?: (hostname: string) => boolean; storedAuthType?: EndpointAuthType };

const endpointUrl = ({ allowHttp, plainHttpTo }: SchemaOptions) =>
  z
    .string({ error: "Enter the endpoint URL." })
    .trim()
    .min(1, "Enter the endpoint URL.")
    .max(2000, "At most 2000 characters.")
    .refine((v) => URL.canParse(v), "Enter a full URL, such as https://erp.example.com/webhooks.")
    .refine(
      (v) => !URL.canParse(v) || (allowHttp ? /^https?:$/ : /^https:$/).test(new URL(v).protocol),
      allowHttp ? "The URL must start with http:// or https://." : "The URL must start with https://.",
    )
    .refine(
      (v) => !URL.canParse(v) || new URL(v).protocol !== "http:" || (plainHttpTo?.(new URL(v).hostname) ?? true),
      "Use https://. Plain http is only allowed for addresses in the server's private allowlist.",
    )
    .refine(
      (v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password),
      "Put credentials in a custom header, not in the URL.",
    );

const events = z
  .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [string, ...string[]], { error: "Choose event types from the catalog." }))
  .max(100)
  .transform((list) => [...new Set(list)]);

const headers = z.record(z.string(), z.string().max(4096, "A header value has at most 4096 characters.")).superRefine((value, ctx) => {
  const names = Object.keys(value);
  if (names.length > 20) ctx.addIssue({ code: "custom", message: "At most 20 custom headers." });
  for (const name of names) {
    if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "A header name uses letters, digits and hyphens." });
    else if (RESERVED_HEADERS.has(name.toLowerCase()))
      ctx.addIssue({ code: "custom", path: [name], message: `${name} is set by Patchbay.` });
    if (/[\r\n]/.test(value[name]!)) ctx.addIssue({ code: "custom", path: [name], message: "A header value is one line." });
  }
});

const rateLimit = z.coerce
  .number({ error: "Enter a number of deliveries per second." })
  .int("A whole number.")
  .min(1, "At least 1 per second.")
  .max(1000, "At most 1000 per second.")
  .nullable();

const httpMethod = z.enum(ENDPOINT_HTTP_METHODS, { error: "Choose POST or PUT." });
const authType = z.enum(ENDPOINT_AUTH_TYPES, { error: "Choose none, basic, bearer or hmac." });

const oneLine = (max: number) =>
  z
    .string({ error: "Enter text." })
    .max(max, `At most ${max} characters.`)
    .refine((v) => !/[\r\n]/.test(v), "One line, without line breaks.");

/** Write-only: which fields count depends on `auth_type`, checked in `checkAuth`. */
const authCredentials = z.strictObject({
  username: oneLine(200)
    .refine((v) => !v.includes(":"), "A basic auth username has no colon.")
    .optional(),
  password: oneLine(1000).optional(),
  token: oneLine(4096)
    .refine((v) => !/\s/.test(v), "A bearer token has no spaces.")
    .optional(),
  secret: oneLine(1000).optional(),
});
export type AuthCredentials = z.infer<typeof authCredentials>;

export const AUTH_FIELDS: Record<EndpointAuthType, (keyof AuthCredentials)[]> = {
  none: [],
  basic: ["username", "password"],
  bearer: ["token"],
  hmac: ["secret"],
};
const MISSING: Record<keyof AuthCredentials, string> = {
  username: "Enter the username.",
  password: "Enter the password.",
  token: "Enter the bearer token.",
  secret: "Enter the HMAC secret.",
};
export const HMAC_SECRET_MIN = 16;

/**
 * Credentials must fit the auth type: every field of the type, none of another. `keep`: the
 * stored credentials are of this type, so sending none keeps them.
 */
export function authIssues(type: EndpointAuthType, credentials: AuthCredentials | undefined, keep: boolean) {
  const issues: { path: string[]; message: string }[] = [];
  const wanted = AUTH_FIELDS[type];
  for (const [name, value] of Object.entries(credentials ?? {}) as [keyof AuthCredentials, string | undefined][]) {
    if (value && !wanted.includes(name))
      issues.push({
        path: ["auth_credentials", name],
        message: type === "none" ? "Choose an auth type first." : `Not used with ${type} auth.`,
      });
  }
  const given = wanted.filter((name) => credentials?.[name]);
  if (keep && given.length === 0) return issues;
  for (const name of wanted) if (!credentials?.[name]) issues.push({ path: ["auth_credentials", name], message: MISSING[name] });
  if (type === "hmac" && credentials?.secret && credentials.secret.length < HMAC_SECRET_MIN)
    issues.push({ path: ["auth_credentials", "secret"], message: `At least ${HMAC_SECRET_MIN} characters.` });
  return issues;
}

const retries = z.coerce
  .number({ error: "Enter a number of retries." })
  .int("A whole number.")
  .min(0, "At least 0.")
  .max(MAX_RETRIES_LIMIT, `At most ${MAX_RETRIES_LIMIT}.`)
  .nullable();
const firstDelay = z.coerce
  .number({ error: "Enter a number of seconds." })
  .int("A whole number of seconds.")
  .min(1, "At least 1 second.")
  .max(MAX_DELAY_SECONDS, `At most ${MAX_DELAY_SECONDS} seconds (10 hours).`)
  .nullable();

/** Replaced whole: fields left out take their defaults. */
const retryPolicy = z.strictObject({
  enabled: z.boolean({ error: "true or false." }).default(true),
  max_retries: retries.default(null),
  first_delay_seconds: firstDelay.default(null),
});

export const createEndpointSchema = (options: SchemaOptions) =>
  z
    .strictObject({
      url: endpointUrl(options),
      description: z.string().trim().max(500, "At most 500 characters.").default(""),
      events: events.default([]),
      headers: headers.default({}),
      rate_limit_per_second: rateLimit.default(null),
      enabled: z.boolean().default(true),
      http_method: httpMethod.default("POST"),
      auth_type: authType.default("none"),
      auth_credentials: authCredentials.optional(),
      retry_policy: retryPolicy.default({ enabled: true, max_retries: null, first_delay_seconds: null }),
    })
    .superRefine((v, ctx) => {
      const keep = options.storedAuthType !== undefined && options.storedAuthType === v.auth_type;
      for (const issue of authIssues(v.auth_type, v.auth_credentials, keep)) ctx.addIssue({ code: "custom", ...issue });
    });
export type CreateEndpointInput = z.input<ReturnType<typeof createEndpointSchema>>;

export const patchEndpointSchema = (options: SchemaOptions) =>
  z.strictObject({
    url: endpointUrl(options).optional(),
    description: z.string().trim().max(500, "At most 500 characters.").optional(),
    events: events.optional(),
    headers: headers.optional(),
    rate_limit_per_second: rateLimit.optional(),
    enabled: z.boolean().optional(),
    http_method: httpMethod.optional(),
    auth_type: authType.optional(),
    auth_credentials: authCredentials.optional(),
    retry_policy: retryPolicy.optional(),
  });
export type PatchEndpointInput = z.input<ReturnType<typeof patchEndpointSchema>>;

/** How long the old secret keeps signing beside the new one; 0 retires it at once (the same choice as an API key's rotation). */
export const rotateEndpointSecretSchema = z.object({
  grace_period_hours: z.coerce
    .number({ error: "Enter a number of hours." })
    .int("Whole hours only.")
    .min(0, "At least 0.")
    .max(720, "At most 720 hours (30 days).")
    .default(24),
});
export type RotateEndpointSecretInput = z.input<typeof rotateEndpointSecretSchema>;

export const listEndpointsSchema = z.object({ limit: limitSchema, cursor: z.string().optional() });
export type ListEndpointsInput = z.input<typeof listEndpointsSchema>;

export const listDeliveriesSchema = z.object({
  limit: limitSchema,
  cursor: z.string().optional(),
  status: z.enum(["pending", "succeeded", "failed"], { error: "Choose pending, succeeded or failed." }).optional(),
  event_type: z.string().max(200).optional(),
});
export type ListDeliveriesInput = z.input<typeof listDeliveriesSchema>;

export const replayFailedSchema = z.strictObject({
  since: z.iso.datetime({ error: "Give a date and time, such as 2026-11-23T08:00:00Z.", offset: true }),
});

const WHSEC = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export const createReceiverSchema = z
  .strictObject({
    scheme: z.enum(RECEIVER_SCHEMES, { error: `Choose ${RECEIVER_SCHEMES.slice(0, -1).join(", ")} or ${RECEIVER_SCHEMES.at(-1)}.` }),
    secret: z.string({ error: "Enter the signing secret." }).min(1, "Enter the signing secret.").max(1000, "At most 1000 characters."),
    header: z.string().trim().regex(HEADER_NAME, "A header name uses letters, digits and hyphens, such as X-Signature.").optional(),
    encoding: z.enum(["hex", "base64"], { error: "Choose hex or base64." }).default("hex"),
  })
  .superRefine((v, ctx) => {
    if (v.scheme === "standard_webhooks" && !(WHSEC.test(v.secret) && atob(v.secret.slice(6)).length >= 16)) {
      ctx.addIssue({
        code: "custom",
        path: ["secret"],
        message: "A Standard Webhooks secret looks like whsec_ followed by base64 (at least 16 bytes).",
      });
    }
    if (v.scheme === "hmac_sha256" && !v.header)
      ctx.addIssue({ code: "custom", path: ["header"], message: "Name the header that carries the signature." });
  });
export type CreateReceiverInput = z.input<typeof createReceiverSchema>;

export const listReceivedEventsSchema = z.object({ limit: limitSchema, cursor: z.string().optional() });
export type ListReceivedEventsInput = z.input<typeof listReceivedEventsSchema>;
