import * as validator from "@authenio/samlify-xmllint-wasm";
import * as samlify from "samlify";
import { env } from "@/lib/env";
import { certificateBody, type SamlIdpSettings } from "./saml-config";
import { SsoError } from "./errors";
import type { SsoIdentity } from "./provision";

// The IdP's clock and ours may disagree a little; two minutes either way, and no more.
export const SAML_CLOCK_SKEW_MS = 2 * 60 * 1000;

// Responses are checked against the SAML schema (xmllint compiled to WASM, no Java) before anything reads them.
samlify.setSchemaValidator(validator);

export type SpUrls = { entityId: string; acsUrl: string };

function spKeys() {
  const sso = env().sso;
  if (!sso) throw new SsoError("not_configured", "PATCHBAY_SSO_SP_* unset");
  return sso;
}

export function serviceProvider(urls: SpUrls) {
  const { spPrivateKey, spCertificate } = spKeys();
  return samlify.ServiceProvider({
    entityID: urls.entityId,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: urls.acsUrl }],
    privateKey: spPrivateKey,
    signingCert: spCertificate,
    authnRequestsSigned: true,
    wantAssertionsSigned: true,
    nameIDFormat: [samlify.Constants.namespace.format.emailAddress],
    requestSignatureAlgorithm: samlify.Constants.algorithms.signature.RSA_SHA256,
    clockDrifts: [-SAML_CLOCK_SKEW_MS, SAML_CLOCK_SKEW_MS],
  });
}

/** The SP metadata the admin registers at the IdP: entity id, ACS URL and the signing certificate. */
export function spMetadataXml(urls: SpUrls): string {
  return serviceProvider(urls).getMetadata();
}

function identityProvider(idp: SamlIdpSettings) {
  return samlify.IdentityProvider({
    entityID: idp.entityId,
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: idp.ssoUrl }],
    signingCert: certificateBody(idp.certificate),
    wantAuthnRequestsSigned: true,
  });
}

/** A signed AuthnRequest by the HTTP-Redirect binding; RelayState carries the flow's state. */
export function samlLoginRedirect(idp: SamlIdpSettings, urls: SpUrls, relayState: string): { url: string; requestId: string } {
  const { id, context } = serviceProvider(urls).createLoginRequest(identityProvider(idp), "redirect", { relayState });
  return { url: context, requestId: id };
}

const ASSERTION_FIELDS = (assertion: string) => [
  { key: "assertion", localPath: ["Assertion"], attributes: ["ID"], shortcut: assertion },
  { key: "issuer", localPath: ["Assertion", "Issuer"], attributes: [], shortcut: assertion },
  { key: "conditions", localPath: ["Assertion", "Conditions"], attributes: ["NotBefore", "NotOnOrAfter"], shortcut: assertion },
  { key: "audience", localPath: ["Assertion", "Conditions", "AudienceRestriction", "Audience"], attributes: [], shortcut: assertion },
  {
    key: "confirmation",
    localPath: ["Assertion", "Subject", "SubjectConfirmation", "SubjectConfirmationData"],
    attributes: ["Recipient", "NotOnOrAfter", "InResponseTo"],
    shortcut: assertion,
  },
  { key: "nameID", localPath: ["Assertion", "Subject", "NameID"], attributes: [], shortcut: assertion },
  {
    key: "attributes",
    localPath: ["Assertion", "AttributeStatement", "Attribute"],
    index: ["Name"],
    attributePath: ["AttributeValue"],
    attributes: [],
    shortcut: assertion,
  },
];

const EMAIL_ATTRIBUTES = [
  "email",
  "mail",
  "emailaddress",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  "urn:oid:0.9.2342.19200300.100.1.3",
];

function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

export type CheckedAssertion = { identity: SsoIdentity; assertionId: string; expiresAt: Date };

/**
 * A SAMLResponse from the ACS, checked: XML schema, the IdP's signature (samlify picks the
 * assertion the signature covers, so wrapped copies are ignored), issuer and time conditions
 * within the clock skew; then here, on that signed assertion only: audience, recipient, the
 * request it answers, and an expiry to keep the assertion id until.
 */
export async function checkSamlResponse(
  idp: SamlIdpSettings,
  urls: SpUrls,
  samlResponse: string,
  expectedRequestId: string,
  now = new Date(),
): Promise<CheckedAssertion> {
  let xml: string;
  try {
    xml = Buffer.from(samlResponse, "base64").toString("utf8");
  } catch {
    throw new SsoError("invalid_response", "not base64");
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SsoError("invalid_response", "DOCTYPE in response");
  const sp = serviceProvider(urls);
  const entity = identityProvider(idp);
  try {
    await sp.parseLoginResponse(entity, "post", { body: { SAMLResponse: samlResponse } });
  } catch (error) {
    throw new SsoError("invalid_response", error instanceof Error ? error.message : String(error));
  }
  const [verified, assertionNode] = samlify.SamlLib.verifySignature(xml, {
    metadata: entity.entityMeta,
    signatureAlgorithm: samlify.Constants.algorithms.signature.RSA_SHA256,
  }) as [boolean, string | null];
  if (!verified || typeof assertionNode !== "string") throw new SsoError("invalid_response", "no signed assertion");
  const fields = samlify.Extractor.extract(assertionNode, ASSERTION_FIELDS(assertionNode)) as {
    // The extractor gives a lone attribute as a bare value.
    assertion?: string;
    issuer?: string;
    conditions?: { notBefore?: string; notOnOrAfter?: string };
    audience?: string | string[];
    confirmation?: { recipient?: string; notOnOrAfter?: string; inResponseTo?: string };
    nameID?: string;
    attributes?: Record<string, unknown>;
  };
  const audiences = [fields.audience].flat().filter(Boolean);
  if (fields.issuer !== idp.entityId) throw new SsoError("invalid_response", "issuer");
  if (!audiences.includes(urls.entityId)) throw new SsoError("invalid_response", `audience ${audiences.join(",") || "missing"}`);
  const confirmation = fields.confirmation ?? {};
  if (confirmation.recipient !== urls.acsUrl) throw new SsoError("invalid_response", "recipient");
  if (confirmation.inResponseTo !== expectedRequestId) throw new SsoError("invalid_response", "InResponseTo");
  const notOnOrAfter = confirmation.notOnOrAfter ?? fields.conditions?.notOnOrAfter;
  if (!notOnOrAfter) throw new SsoError("invalid_response", "no NotOnOrAfter");
  const expiresAt = new Date(notOnOrAfter);
  if (!(expiresAt.getTime() + SAML_CLOCK_SKEW_MS > now.getTime())) throw new SsoError("invalid_response", "expired");
  const notBefore = fields.conditions?.notBefore ? new Date(fields.conditions.notBefore) : null;
  if (notBefore && notBefore.getTime() - SAML_CLOCK_SKEW_MS > now.getTime()) throw new SsoError("invalid_response", "not yet valid");
  const assertionId = fields.assertion;
  if (!assertionId || !fields.nameID) throw new SsoError("invalid_response", "no assertion id or subject");
  const attributes = Object.fromEntries(Object.entries(fields.attributes ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const fromAttributes = EMAIL_ATTRIBUTES.map((name) => first(attributes[name.toLowerCase()])).find(Boolean) ?? null;
  const email = fromAttributes ?? (fields.nameID.includes("@") ? fields.nameID : null);
  return {
    identity: { subject: `saml:${fields.nameID}`, email, protocol: "saml" },
    assertionId,
    expiresAt: new Date(expiresAt.getTime() + SAML_CLOCK_SKEW_MS),
  };
}
