import { z } from "zod";
import { SCOPES } from "@/lib/api-keys/scopes";

// Kept free of server imports: the client form validates with these schemas in the browser too.

export const CLIENT_TYPES = ["confidential", "public"] as const;
export const GRANT_TYPES = ["authorization_code", "client_credentials", "refresh_token"] as const;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * Where an authorization may send its code: an absolute https URL without a fragment, matched
 * exactly later, or http on a loopback address for native and command-line apps (RFC 8252 §7.3).
 */
export function redirectUriProblem(uri: string): string | null {
  if (!URL.canParse(uri)) return `Not an absolute URL: ${uri}`;
  const url = new URL(uri);
  if (url.hash || uri.includes("#")) return `A redirect URI may not have a fragment: ${uri}`;
  if (url.username || url.password) return `A redirect URI may not carry credentials: ${uri}`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return `Use https (http only on 127.0.0.1, [::1] or localhost): ${uri}`;
}

const nameSchema = z.string().trim().min(1, "Give the app a name.").max(80, "At most 80 characters.");
const scopesSchema = z.array(z.enum(SCOPES, { error: "Unknown scope." })).min(1, "Choose at least one scope.");
const grantTypesSchema = z
  .array(z.enum(GRANT_TYPES, { error: "Unknown grant type." }))
  .min(1, "Choose at least one grant type.")
  .transform((grants) => [...new Set(grants)]);
// A list, or (from the form's text area) one URI per line.
const redirectUrisSchema = z
  .union([
    z.array(z.string().max(2000, "At most 2000 characters.")),
    z
      .string()
      .max(40_000)
      .transform((text) => text.split(/[\s,]+/)),
  ])
  .transform((uris) => [...new Set(uris.map((u) => u.trim()).filter(Boolean))])
  .refine((uris) => uris.length <= 20, "At most 20 redirect URIs.")
  .superRefine((uris, ctx) => {
    const problem = uris.map(redirectUriProblem).find(Boolean);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const perMinuteSchema = z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(100_000, "At most 100000.");
const perHourSchema = z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(10_000_000, "At most 10000000.");

type ClientShape = {
  type?: (typeof CLIENT_TYPES)[number];
  grant_types?: (typeof GRANT_TYPES)[number][];
  redirect_uris?: string[];
  rate_limit_per_minute?: number;
  rate_limit_per_hour?: number;
};

/** The rules that tie fields together, for create and (on the merged result) update. */
export function clientShapeProblems(c: Required<ClientShape>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (c.type === "public" && c.grant_types.includes("client_credentials"))
    problems.grant_types = "A public client has no secret, so it cannot use client_credentials.";
  if (c.grant_types.includes("authorization_code") && c.redirect_uris.length === 0)
    problems.redirect_uris = "The authorization_code grant needs at least one redirect URI.";
  if (c.grant_types.includes("refresh_token") && !c.grant_types.includes("authorization_code"))
    problems.grant_types = "refresh_token comes with authorization_code (client_credentials gets no refresh tokens).";
  if (c.rate_limit_per_hour < c.rate_limit_per_minute)
    problems.rate_limit_per_hour = "The hourly limit cannot be below the per-minute limit.";
  return problems;
}

function addShapeIssues(value: Required<ClientShape>, ctx: z.RefinementCtx) {
  for (const [field, message] of Object.entries(clientShapeProblems(value))) ctx.addIssue({ code: "custom", path: [field], message });
}

export const createOAuthClientSchema = z
  .object({
    name: nameSchema,
    type: z.enum(CLIENT_TYPES, { error: "Choose confidential or public." }).default("confidential"),
    redirect_uris: redirectUrisSchema.default([]),
    scopes: scopesSchema,
    grant_types: grantTypesSchema.default(["authorization_code", "refresh_token"]),
    rate_limit_per_minute: perMinuteSchema.default(600),
    rate_limit_per_hour: perHourSchema.default(20000),
  })
  .superRefine(addShapeIssues);
export type CreateOAuthClientInput = z.input<typeof createOAuthClientSchema>;

/** The client type is fixed at creation: turning a public client confidential would need a secret nobody holds. */
export const updateOAuthClientSchema = z
  .object({
    name: nameSchema.optional(),
    redirect_uris: redirectUrisSchema.optional(),
    scopes: scopesSchema.optional(),
    grant_types: grantTypesSchema.optional(),
    rate_limit_per_minute: perMinuteSchema.optional(),
    rate_limit_per_hour: perHourSchema.optional(),
  })
  .strict();
export type UpdateOAuthClientInput = z.input<typeof updateOAuthClientSchema>;

/** What the consent form posts back; the rest of the request is re-read from the signed-in session and the database. */
export const consentSchema = z.object({
  request: z.string().min(1).max(8000),
  tenant: z.string().min(1).max(200),
  decision: z.enum(["allow", "deny"]),
});
