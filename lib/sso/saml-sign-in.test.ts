import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { memberships, ssoConnections } from "@/db/schema";
import { ownerContext } from "@/tests/fixtures";
import { startDnsServer, type DnsPeer } from "@/tests/peers/dns-server";
import { samlIdp, type AssertionOverrides } from "@/tests/peers/saml-idp";
import { selfSignedPair } from "@/tests/peers/sso-keys";
import { saveSamlConnection } from "./connection";
import { claimDomain, verifyDomain } from "./domains";
import { completeSaml, consumeSsoTicket, startSsoSignIn } from "./flow";
import { spMetadataForTenant } from "./sp-metadata";

const sp = selfSignedPair("patchbay-sp.test");
let dns: DnsPeer;

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...actual,
    env: () => ({
      ...actual.env(),
      allowPrivateNetwork: true,
      dnsServers: [dns.address],
      sso: { spPrivateKey: sp.privateKey, spCertificate: sp.certificate },
    }),
  };
});

const ORIGIN = "http://patchbay.test";
const idp = samlIdp();

beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(async () => {
  await dns.close();
});

async function configured() {
  const ctx = await ownerContext();
  // Pasted IdP metadata, as an admin copies it from the IdP's console.
  await saveSamlConnection(ctx, { metadata_xml: idp.metadata() });
  const domain = await claimDomain(ctx, { domain: "example.test" });
  dns.txt.set(domain.recordName, [domain.recordValue]);
  await verifyDomain(ctx, { id: domain.id });
  return ctx;
}

/** Patchbay's redirect, the IdP's signed answer (changed as the test says), the ACS, the session step. */
async function signIn(email: string, overrides: AssertionOverrides = {}, tamper?: (xml: string) => string) {
  const start = await startSsoSignIn(email, undefined, ORIGIN);
  if (start.kind !== "redirect") throw new Error("expected a redirect to the IdP");
  const spMetadata = (await spMetadataForTenant("acme", ORIGIN))!;
  const signed = await idp.respond(spMetadata, start.url, email, overrides);
  const samlResponse = tamper
    ? Buffer.from(tamper(Buffer.from(signed.samlResponse, "base64").toString("utf8"))).toString("base64")
    : signed.samlResponse;
  const relayState = signed.relayState;
  await completeSaml("acme", samlResponse, relayState, ORIGIN, "203.0.113.5");
  return consumeSsoTicket("acme", start.binding);
}

describe("SAML 2.0 single sign-on (samlify as the IdP)", () => {
  it("reads the IdP's metadata and publishes the SP's entity id, ACS URL and certificate", async () => {
    await configured();
    const [row] = await db().select().from(ssoConnections);
    expect(row).toMatchObject({ protocol: "saml", samlIdpEntityId: idp.entityId, samlIdpSsoUrl: idp.ssoUrl });
    const metadata = (await spMetadataForTenant("acme", ORIGIN))!;
    expect(metadata).toContain(`entityID="${ORIGIN}/api/sso/acme/saml/metadata"`);
    expect(metadata).toContain(`Location="${ORIGIN}/api/sso/acme/saml/acs"`);
    expect(metadata).toContain(sp.certificate.split("\n")[1]!);
    expect(metadata).not.toContain("PRIVATE KEY");
  });

  it("signs a first-time user in from a signed assertion and makes them a viewer", async () => {
    await configured();
    const user = await signIn("grace@example.test");
    expect(user?.email).toBe("grace@example.test");
    const [member] = await db().select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(member!.role).toBe("viewer");
  });

  it("refuses a tampered assertion (signature no longer matches)", async () => {
    await configured();
    await expect(
      signIn("grace@example.test", {}, (xml) => xml.replace("grace@example.test", "mallory@example.test")),
    ).rejects.toMatchObject({
      code: "invalid_response",
      detail: expect.stringContaining("SIGNATURE"),
    });
  });

  it("refuses an assertion for another audience", async () => {
    await configured();
    await expect(signIn("grace@example.test", { Audience: "https://other-sp.example.test" })).rejects.toMatchObject({
      code: "invalid_response",
      detail: expect.stringContaining("audience"),
    });
  });

  it("refuses an assertion for another recipient", async () => {
    await configured();
    await expect(signIn("grace@example.test", { SubjectRecipient: "https://evil.example.test/acs" })).rejects.toMatchObject({
      code: "invalid_response",
      detail: "recipient",
    });
  });

  it("refuses an expired assertion, beyond the clock skew", async () => {
    await configured();
    const past = new Date(Date.now() - 10 * 60 * 1000).toISOString();
    const older = new Date(Date.now() - 20 * 60 * 1000).toISOString();
    await expect(
      signIn("grace@example.test", { ConditionsNotBefore: older, ConditionsNotOnOrAfter: past, SubjectConfirmationDataNotOnOrAfter: past }),
    ).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("accepts an assertion a minute stale (within the skew)", async () => {
    await configured();
    const justPast = new Date(Date.now() - 60 * 1000).toISOString();
    const older = new Date(Date.now() - 6 * 60 * 1000).toISOString();
    const user = await signIn("heidi@example.test", {
      ConditionsNotBefore: older,
      ConditionsNotOnOrAfter: justPast,
      SubjectConfirmationDataNotOnOrAfter: justPast,
    });
    expect(user?.email).toBe("heidi@example.test");
  });

  it("accepts an assertion id once", async () => {
    await configured();
    expect(await signIn("ivan@example.test", { AssertionID: "_reused-assertion-id" })).toMatchObject({ email: "ivan@example.test" });
    await expect(signIn("ivan@example.test", { AssertionID: "_reused-assertion-id" })).rejects.toMatchObject({ code: "replayed" });
  });

  it("refuses a response to a different request (InResponseTo)", async () => {
    await configured();
    await expect(signIn("grace@example.test", { InResponseTo: "_someone-elses-request" })).rejects.toMatchObject({
      code: "invalid_response",
      detail: "InResponseTo",
    });
  });

  it("refuses IdP-initiated responses: no RelayState naming a flow of ours", async () => {
    await configured();
    const start = await startSsoSignIn("judy@example.test", undefined, ORIGIN);
    if (start.kind !== "redirect") throw new Error("expected a redirect");
    const { samlResponse } = await idp.respond((await spMetadataForTenant("acme", ORIGIN))!, start.url, "judy@example.test");
    await expect(completeSaml("acme", samlResponse, null, ORIGIN, null)).rejects.toMatchObject({ code: "idp_initiated" });
    await expect(completeSaml("acme", samlResponse, "unknown-relay-state", ORIGIN, null)).rejects.toMatchObject({ code: "idp_initiated" });
  });

  it("refuses XML with a DOCTYPE (no external entities)", async () => {
    await configured();
    const xxe = (xml: string) =>
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${xml.replace(/^<\?xml[^>]*>/, "")}`;
    await expect(signIn("grace@example.test", {}, xxe)).rejects.toMatchObject({
      code: "invalid_response",
      detail: expect.stringContaining("DOCTYPE"),
    });
    const ctx = await ownerContext("globex");
    await expect(saveSamlConnection(ctx, { metadata_xml: xxe(idp.metadata()) })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("refuses a user outside the verified domains", async () => {
    await configured();
    await expect(signIn("grace@example.test", { NameID: "grace@elsewhere.test" })).rejects.toMatchObject({ code: "unverified_domain" });
  });
});
