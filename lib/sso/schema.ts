import { z } from "zod";
import { emailSchema } from "@/lib/tenancy/schema";

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000, "At most 2000 characters.")
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), `Enter the ${what} as an http(s) URL.`);

export const SSO_DEFAULT_ROLES = ["viewer", "admin"] as const;

const defaultRole = z.enum(SSO_DEFAULT_ROLES, { error: "Choose viewer or admin." }).default("viewer");

export const oidcConfigSchema = z.object({
  issuer: httpUrl("issuer URL"),
  client_id: z.string().trim().min(1, "Enter the client id.").max(500, "At most 500 characters."),
  // Blank keeps the stored secret, so an admin editing the scopes need not paste it again.
  client_secret: z.string().max(2000, "At most 2000 characters.").default(""),
  scopes: z
    .string()
    .trim()
    .max(500, "At most 500 characters.")
    .default("openid email profile")
    .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))])
    .refine((s) => s.includes("openid"), "The scopes must include openid.")
    .refine((s) => s.every((x) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(x)), "Scopes are words without quotes or backslashes."),
  email_claim: z
    .string()
    .trim()
    .min(1, "Enter the claim that holds the email.")
    .max(100, "At most 100 characters.")
    .regex(/^[A-Za-z0-9_:./-]+$/, "Letters, digits and _ : . / - only.")
    .default("email"),
  default_role: defaultRole,
});

const PEM_OR_BASE64 = /^[\sA-Za-z0-9+/=-]+$/;

export const samlConfigSchema = z
  .object({
    metadata_url: z.union([z.literal(""), httpUrl("metadata URL")]).default(""),
    metadata_xml: z.string().max(200_000, "At most 200 kB of XML.").default(""),
    entity_id: z.string().trim().max(1000, "At most 1000 characters.").default(""),
    sso_url: z.union([z.literal(""), httpUrl("single sign-on URL")]).default(""),
    certificate: z
      .string()
      .trim()
      .max(20_000, "At most 20 000 characters.")
      .refine((v) => PEM_OR_BASE64.test(v) || v === "", "Paste the certificate as PEM or base64.")
      .default(""),
    default_role: defaultRole,
  })
  .superRefine((v, ctx) => {
    if (v.metadata_url || v.metadata_xml.trim()) return;
    for (const [field, message] of [
      ["entity_id", "Enter the IdP's entity id, or give its metadata."],
      ["sso_url", "Enter the IdP's single sign-on URL, or give its metadata."],
      ["certificate", "Paste the IdP's signing certificate, or give its metadata."],
    ] as const) {
      if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message });
    }
  });

/** RFC 1035 host names, at least two labels; lower-cased so one domain has one spelling. */
export const domainSchema = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, "At most 253 characters.")
    .regex(
      /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      "Enter a domain such as example.com.",
    ),
});

export const domainIdSchema = z.object({ id: z.uuid("Unknown domain.") });

export const enforcementSchema = z.object({
  enforced: z.boolean(),
  // The lockout preview is shown first; turning enforcement on without having seen it is refused.
  confirmed: z.boolean().default(false),
});

export const breakGlassSchema = z.object({
  user_id: z.uuid("user_id is a member's id."),
  break_glass: z.boolean({ error: "break_glass is true or false." }),
});

export const emailStepSchema = z.object({ email: emailSchema });
