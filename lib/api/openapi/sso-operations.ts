import { z } from "zod";
import { breakGlassSchema, domainSchema, enforcementSchema, oidcConfigSchema, samlConfigSchema } from "@/lib/sso/schema";
import { ROLES } from "@/lib/tenancy/roles";
import type { Operation } from "./operations";

const configSchema = z.object({
  available: z.boolean(),
  protocol: z.enum(["oidc", "saml"]).nullable(),
  oidc: z
    .object({
      issuer: z.string(),
      client_id: z.string(),
      scopes: z.array(z.string()),
      email_claim: z.string(),
      has_client_secret: z.boolean(),
      client_secret_hint: z.string().nullable(),
    })
    .nullable(),
  saml: z.object({ entity_id: z.string(), sso_url: z.string(), certificate: z.string(), metadata_url: z.string().nullable() }).nullable(),
  default_role: z.enum(ROLES).nullable(),
  enforced: z.boolean(),
  updated_at: z.iso.datetime().nullable(),
  sp: z.object({
    oidc_redirect_uri: z.string(),
    saml_entity_id: z.string(),
    saml_acs_url: z.string(),
    saml_metadata_url: z.string(),
  }),
});

const domainViewSchema = z.object({
  id: z.uuid(),
  domain: z.string(),
  txt_record: z.object({ name: z.string(), value: z.string() }),
  verified: z.boolean(),
  verified_at: z.iso.datetime().nullable(),
  last_checked_at: z.iso.datetime().nullable(),
});

const membersSchema = z.object({
  enforced: z.boolean(),
  verified_domains: z.array(z.string()),
  data: z.array(
    z.object({
      user_id: z.uuid(),
      email: z.string(),
      role: z.enum(ROLES),
      break_glass: z.boolean(),
      has_sso_identity: z.boolean(),
      in_verified_domain: z.boolean(),
      lockout: z.enum(["outside_verified_domains", "owner_without_sso_identity"]).nullable(),
    }),
  ),
});

const sp = {
  oidc_redirect_uri: "https://patchbay.example.com/api/sso/acme/oidc/callback",
  saml_entity_id: "https://patchbay.example.com/api/sso/acme/saml/metadata",
  saml_acs_url: "https://patchbay.example.com/api/sso/acme/saml/acs",
  saml_metadata_url: "https://patchbay.example.com/api/sso/acme/saml/metadata",
};
const oidcConfig = {
  available: true,
  protocol: "oidc",
  oidc: {
    issuer: "https://login.example.com",
    client_id: "patchbay",
    scopes: ["openid", "email", "profile"],
    email_claim: "email",
    has_client_secret: true,
    client_secret_hint: "…9fQa",
  },
  saml: null,
  default_role: "viewer",
  enforced: false,
  updated_at: "2026-11-01T09:00:00.000Z",
  sp,
};
const domain = {
  id: "0b6d3f5e-2a41-4c8e-9f17-6d2b8a4c1e90",
  domain: "example.com",
  txt_record: { name: "_patchbay-verification.example.com", value: "patchbay-verification=Q2xK9pVb4tR7wL1pZ8sN3yD6hJ0aFqE5" },
  verified: false,
  verified_at: null,
  last_checked_at: null,
};
const members = {
  enforced: false,
  verified_domains: ["example.com"],
  data: [
    {
      user_id: "7c1e9a2b-4d3f-4b6a-8e5c-1f2a3b4c5d6e",
      email: "owner@example.com",
      role: "owner",
      break_glass: true,
      has_sso_identity: false,
      in_verified_domain: true,
      lockout: null,
    },
    {
      user_id: "8d2f0b3c-5e4a-4c7b-9f6d-2a3b4c5d6e7f",
      email: "contractor@elsewhere.org",
      role: "viewer",
      break_glass: false,
      has_sso_identity: false,
      in_verified_domain: false,
      lockout: "outside_verified_domains",
    },
  ],
};

const ERRORS = [401, 403, 429];

export const SSO_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/sso",
    summary: "Single sign-on settings",
    description:
      "The organisation's identity provider (OIDC or SAML 2.0; `protocol` null when none is set up) and the URLs to register at it (`sp`). " +
      "The OIDC client secret is write-only: only `has_client_secret` and the last 4 characters of a long one. " +
      "`available` is false when the server's operator has not turned single sign-on on.",
    scope: "sso:write",
    success: { status: 200, description: "The settings.", schema: configSchema, example: oidcConfig },
    errors: ERRORS,
  },
  {
    method: "put",
    path: "/sso/oidc",
    summary: "Sign in with OpenID Connect",
    description:
      "Replaces the identity provider with an OIDC one; its discovery document is read first, so a wrong issuer is a 422 on `issuer`. " +
      "A blank `client_secret` keeps the stored one (when the provider already was OIDC). The secret is stored encrypted and never answered.",
    scope: "sso:write",
    body: {
      schema: oidcConfigSchema,
      example: { issuer: "https://login.example.com", client_id: "patchbay", client_secret: "s3cr3t-from-the-idp", scopes: "openid email" },
    },
    success: { status: 200, description: "The settings as saved.", schema: configSchema, example: oidcConfig },
    errors: ERRORS,
  },
  {
    method: "put",
    path: "/sso/saml",
    summary: "Sign in with SAML 2.0",
    description:
      "Replaces the identity provider with a SAML one: its metadata by URL (`metadata_url`, fetched now) or pasted (`metadata_xml`), " +
      "or `entity_id`, `sso_url` (HTTP-Redirect binding) and the signing `certificate`. XML with a DOCTYPE is refused.",
    scope: "sso:write",
    body: { schema: samlConfigSchema, example: { metadata_url: "https://idp.example.com/saml/metadata" } },
    success: {
      status: 200,
      description: "The settings as saved.",
      schema: configSchema,
      example: {
        ...oidcConfig,
        protocol: "saml",
        oidc: null,
        saml: {
          entity_id: "https://idp.example.com/saml",
          sso_url: "https://idp.example.com/saml/sso",
          certificate: "-----BEGIN CERTIFICATE-----\nMIIC…\n-----END CERTIFICATE-----\n",
          metadata_url: "https://idp.example.com/saml/metadata",
        },
      },
    },
    errors: ERRORS,
  },
  {
    method: "get",
    path: "/sso/domains",
    summary: "Claimed domains",
    description: "Only users whose email is in a verified domain sign in through the organisation's identity provider.",
    scope: "sso:write",
    success: {
      status: 200,
      description: "The domains, by name.",
      schema: z.object({ data: z.array(domainViewSchema), next_cursor: z.null() }),
      example: { data: [domain], next_cursor: null },
    },
    errors: ERRORS,
  },
  {
    method: "post",
    path: "/sso/domains",
    summary: "Claim a domain",
    description: "Answers the DNS TXT record to publish; then verify the domain.",
    scope: "sso:write",
    body: { schema: domainSchema, example: { domain: "example.com" } },
    success: { status: 201, description: "The claimed, unverified domain.", schema: domainViewSchema, example: domain },
    errors: [401, 403, 409, 429],
  },
  {
    method: "post",
    path: "/sso/domains/{id}/verify",
    summary: "Verify a domain",
    description:
      "Looks the TXT record up in DNS. 422 when it is not (yet) there; 409 when another organisation on this Patchbay verified the domain first.",
    scope: "sso:write",
    success: {
      status: 200,
      description: "The verified domain.",
      schema: domainViewSchema,
      example: { ...domain, verified: true, verified_at: "2026-11-01T09:05:00.000Z", last_checked_at: "2026-11-01T09:05:00.000Z" },
    },
    errors: [401, 403, 404, 409, 422, 429],
  },
  {
    method: "delete",
    path: "/sso/domains/{id}",
    summary: "Remove a domain",
    scope: "sso:write",
    success: { status: 204, description: "Removed." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/sso/members",
    summary: "Lockout preview",
    description:
      "Every member and whether enforcing single sign-on would shut them out (`lockout`): members outside the verified domains, " +
      "and owners without an SSO identity, unless they are break-glass owners.",
    scope: "sso:write",
    success: { status: 200, description: "The members.", schema: membersSchema, example: members },
    errors: ERRORS,
  },
  {
    method: "put",
    path: "/sso/break-glass",
    summary: "Make an owner a break-glass account, or stop",
    description:
      "A break-glass owner keeps password sign-in while single sign-on is enforced, so an outage of the identity provider " +
      "cannot lock the organisation out. Only owners can be break-glass accounts.",
    scope: "sso:write",
    body: { schema: breakGlassSchema, example: { user_id: members.data[0]!.user_id, break_glass: true } },
    success: { status: 200, description: "The lockout preview after the change.", schema: membersSchema, example: members },
    errors: [...ERRORS, 404],
  },
  {
    method: "put",
    path: "/sso/enforcement",
    summary: "Enforce single sign-on",
    description:
      "With `enforced: true`, password sign-in is refused for users of verified domains, except break-glass owners. " +
      "Turning it on needs a verified domain and `confirmed: true` (having read the lockout preview).",
    scope: "sso:write",
    body: { schema: enforcementSchema, example: { enforced: true, confirmed: true } },
    success: {
      status: 200,
      description: "The lockout preview after the change.",
      schema: membersSchema,
      example: { ...members, enforced: true },
    },
    errors: ERRORS,
  },
];
