import * as samlify from "samlify";
import { HttpError } from "@/lib/http/http-error";
import { invalid } from "@/lib/errors";
import { fetchIdpText } from "./idp-fetch";
import type { samlConfigSchema } from "./schema";
import type { z } from "zod";

export type SamlIdpSettings = { entityId: string; ssoUrl: string; certificate: string };

/**
 * XML with a document type declaration is refused before any parser sees it: no external entities,
 * no entity expansion. SAML and metadata never need one.
 */
export function assertPlainXml(xml: string, field: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalid("XML with a DOCTYPE or entity declarations is not accepted.", { [field]: "Remove the DOCTYPE." });
}

/** A certificate as the base64 body samlify compares against, whichever way it was pasted. */
export function certificateBody(pem: string): string {
  return pem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
    .replace(/\s+/g, "")
    .trim();
}

export function certificatePem(body: string): string {
  const lines = certificateBody(body).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function parseIdpMetadata(xml: string, field: string): SamlIdpSettings {
  assertPlainXml(xml, field);
  let meta;
  try {
    meta = samlify.IdentityProvider({ metadata: xml }).entityMeta;
  } catch {
    throw invalid("The IdP metadata could not be read.", {
      [field]: "Not SAML 2.0 IdP metadata (an EntityDescriptor with an IDPSSODescriptor).",
    });
  }
  const entityId = meta.getEntityID();
  const sso = meta.getSingleSignOnService("redirect");
  const ssoUrl = typeof sso === "string" ? sso : "";
  const cert = meta.getX509Certificate("signing");
  const certificate = Array.isArray(cert) ? cert[0] : cert;
  if (!entityId || !ssoUrl || typeof certificate !== "string") {
    throw invalid("The IdP metadata is missing what sign-in needs.", {
      [field]: "The metadata needs an entityID, a SingleSignOnService with the HTTP-Redirect binding and a signing certificate.",
    });
  }
  return { entityId, ssoUrl, certificate: certificatePem(certificate) };
}

/** The IdP's settings from its metadata (fetched through the guarded client, or pasted) or from the fields typed in. */
export async function resolveSamlIdp(input: z.output<typeof samlConfigSchema>): Promise<SamlIdpSettings> {
  if (input.metadata_url) {
    let fetched;
    try {
      fetched = await fetchIdpText(input.metadata_url);
    } catch (error) {
      if (error instanceof HttpError) throw invalid(error.message, { metadata_url: `Could not fetch the metadata: ${error.message}` });
      throw error;
    }
    if (fetched.status !== 200)
      throw invalid("The metadata URL did not answer 200.", { metadata_url: `The metadata URL answered ${fetched.status}.` });
    return parseIdpMetadata(fetched.text, "metadata_url");
  }
  if (input.metadata_xml.trim()) return parseIdpMetadata(input.metadata_xml.trim(), "metadata_xml");
  const certificate = certificateBody(input.certificate);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(certificate))
    throw invalid("The certificate is not PEM or base64.", { certificate: "Paste the certificate as PEM." });
  return { entityId: input.entity_id, ssoUrl: input.sso_url, certificate: certificatePem(certificate) };
}
