import { z } from "zod";
import { limitSchema } from "@/lib/pagination";
import { SUBSCRIBABLE_EVENT_TYPES } from "./catalog";
import { RECEIVER_SCHEMES } from "./incoming/schemes";

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
]);

/**
 * Where plain http is accepted. `allowHttp`: the server allows it somewhere (private networks, or an
 * allowlist); `plainHttpTo`, known on the server only, says whether a URL's host is such a place.
 */
export type SchemaOptions = { allowHttp: boolean; plainHttpTo?: (hostname: string) => boolean };

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

export const createEndpointSchema = (options: SchemaOptions) =>
  z.strictObject({
    url: endpointUrl(options),
    description: z.string().trim().max(500, "At most 500 characters.").default(""),
    events: events.default([]),
    headers: headers.default({}),
    rate_limit_per_second: rateLimit.default(null),
    enabled: z.boolean().default(true),
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
  });
export type PatchEndpointInput = z.input<ReturnType<typeof patchEndpointSchema>>;

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
