import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents, ssoConnections, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { createOAuthClient } from "@/lib/oauth-server/clients";
import { decideConsent } from "@/lib/oauth-server/authorize";
import { addMemberViaInvitation, ownerContext, PASSWORD } from "@/tests/fixtures";
import { startDnsServer, type DnsPeer } from "@/tests/peers/dns-server";
import { startOidcProvider, type OidcPeer } from "@/tests/peers/oidc-provider";
import { samlIdp } from "@/tests/peers/saml-idp";
import { selfSignedPair } from "@/tests/peers/sso-keys";
import { DELETE as removeDomain } from "./domains/[id]/route";
import { POST as verifyDomain } from "./domains/[id]/verify/route";
import { GET as listDomains, POST as claimDomain } from "./domains/route";
import { PUT as putBreakGlass } from "./break-glass/route";
import { PUT as putEnforcement } from "./enforcement/route";
import { GET as members } from "./members/route";
import { PUT as putOidc } from "./oidc/route";
import { GET as getConfig } from "./route";
import { PUT as putSaml } from "./saml/route";

const sp = selfSignedPair("patchbay-sp.test");
let dns: DnsPeer;
let peer: OidcPeer;

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

const CLIENT_SECRET = "sso-api-client-secret-0123456789";

beforeAll(async () => {
  dns = await startDnsServer();
  peer = await startOidcProvider({
    clients: [
      {
        clientId: "patchbay",
        clientSecret: CLIENT_SECRET,
        auth: "client_secret_basic",
        redirectUris: ["http://patchbay.example.com/api/sso/acme/oidc/callback"],
      },
    ],
  });
});
afterAll(async () => {
  await peer.close();
  await dns.close();
});

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: unknown; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", host: "patchbay.example.com" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

async function ssoKey() {
  const owner = await ownerContext();
  const { key } = await createApiKey(owner, { name: "Identity automation", scopes: ["sso:write"] });
  return { owner, key };
}

describe("/api/v1/sso", () => {
  it("needs the sso:write scope", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Everything else", scopes: ["integrations:write", "api_keys:write"] });
    const refused = await call(getConfig, key, "/sso");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("sso:write");
    expect((await call(putOidc, key, "/sso/oidc", { method: "PUT", body: {} })).status).toBe(403);

    const { key: testKey } = await createApiKey(owner, { name: "CI", scopes: ["sso:write"], mode: "test" });
    expect((await call(getConfig, testKey, "/sso")).status).toBe(200);
    const sandboxed = await call(claimDomain, testKey, "/sso/domains", { method: "POST", body: { domain: "example.test" } });
    expect(sandboxed.status).toBe(403);
    expect(sandboxed.body.error.message).toContain("test-mode key");
  });

  it("configures OIDC with the form's rules: field messages, the secret write-only and encrypted, blank keeps it", async () => {
    const { key } = await ssoKey();
    const empty = await call(getConfig, key, "/sso");
    expect(empty.body).toMatchObject({
      available: true,
      protocol: null,
      oidc: null,
      sp: { oidc_redirect_uri: "http://patchbay.example.com/api/sso/acme/oidc/callback" },
    });

    const bad = await call(putOidc, key, "/sso/oidc", { method: "PUT", body: { issuer: "ftp://x", client_id: "", scopes: "email" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["issuer", "client_id", "scopes"]));

    const noSecret = await call(putOidc, key, "/sso/oidc", { method: "PUT", body: { issuer: peer.issuer, client_id: "patchbay" } });
    expect(noSecret.status).toBe(422);
    expect(noSecret.body.error.fields).toEqual({ client_secret: "Enter the client secret." });

    const noDiscovery = await call(putOidc, key, "/sso/oidc", {
      method: "PUT",
      body: { issuer: `${peer.issuer}/nowhere`, client_id: "patchbay", client_secret: CLIENT_SECRET },
    });
    expect(noDiscovery.status).toBe(422);
    expect(noDiscovery.body.error.fields.issuer).toContain("discovery");

    const saved = await call(putOidc, key, "/sso/oidc", {
      method: "PUT",
      body: { issuer: peer.issuer, client_id: "patchbay", client_secret: CLIENT_SECRET, scopes: "openid email", default_role: "admin" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      protocol: "oidc",
      oidc: { issuer: peer.issuer, client_id: "patchbay", scopes: ["openid", "email"], has_client_secret: true },
      default_role: "admin",
    });
    expect(saved.body.oidc.client_secret_hint).toBe(`…${CLIENT_SECRET.slice(-4)}`);
    expect(saved.text).not.toContain(CLIENT_SECRET);
    const [row] = await db().select().from(ssoConnections);
    expect(row!.oidcClientSecret).not.toContain(CLIENT_SECRET);

    const kept = await call(putOidc, key, "/sso/oidc", {
      method: "PUT",
      body: { issuer: peer.issuer, client_id: "patchbay", scopes: "openid email profile" },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.oidc).toMatchObject({ scopes: ["openid", "email", "profile"], has_client_secret: true });
    expect((await call(getConfig, key, "/sso")).text).not.toContain(CLIENT_SECRET);

    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.action, "sso.configured"));
    expect(audit).toMatchObject({ actorType: "api_key", actorLabel: expect.stringContaining("Identity automation") });
    expect(JSON.stringify(audit!.details)).not.toContain(CLIENT_SECRET);
  });

  it("configures SAML from pasted metadata, and names the field of what is missing or unsafe", async () => {
    const { key } = await ssoKey();
    const missing = await call(putSaml, key, "/sso/saml", { method: "PUT", body: {} });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(["certificate", "entity_id", "sso_url"]);

    const idp = samlIdp();
    const doctype = idp.metadata().replace("<", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><');
    const unsafe = await call(putSaml, key, "/sso/saml", { method: "PUT", body: { metadata_xml: doctype } });
    expect(unsafe.status).toBe(422);
    expect(Object.keys(unsafe.body.error.fields)).toEqual(["metadata_xml"]);

    const saved = await call(putSaml, key, "/sso/saml", { method: "PUT", body: { metadata_xml: idp.metadata() } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      protocol: "saml",
      oidc: null,
      saml: { entity_id: idp.entityId, sso_url: idp.ssoUrl, metadata_url: null },
      default_role: "viewer",
      sp: { saml_acs_url: "http://patchbay.example.com/api/sso/acme/saml/acs" },
    });
    expect(saved.body.saml.certificate).toContain("BEGIN CERTIFICATE");
  });

  it("claims, verifies by DNS TXT, lists and removes domains; another tenant's domain is 404", async () => {
    const { key } = await ssoKey();
    const bad = await call(claimDomain, key, "/sso/domains", { method: "POST", body: { domain: "not a domain" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.domain).toContain("example.com");

    const claimed = await call(claimDomain, key, "/sso/domains", { method: "POST", body: { domain: "Example.TEST" } });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({
      domain: "example.test",
      verified: false,
      txt_record: { name: "_patchbay-verification.example.test" },
    });
    const again = await call(claimDomain, key, "/sso/domains", { method: "POST", body: { domain: "example.test" } });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual({ domain: "Already on the list." });

    const params = { id: claimed.body.id };
    const early = await call(verifyDomain, key, `/sso/domains/${params.id}/verify`, { method: "POST", params });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain(claimed.body.txt_record.value);
    dns.txt.set(claimed.body.txt_record.name, [claimed.body.txt_record.value]);
    const verified = await call(verifyDomain, key, `/sso/domains/${params.id}/verify`, { method: "POST", params });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, verified_at: expect.any(String) });
    expect((await call(listDomains, key, "/sso/domains")).body).toMatchObject({ data: [{ domain: "example.test", verified: true }] });

    const other = await ownerContext("globex");
    const { key: otherKey } = await createApiKey(other, { name: "Other", scopes: ["sso:write"] });
    expect((await call(removeDomain, otherKey, `/sso/domains/${params.id}`, { method: "DELETE", params })).status).toBe(404);
    expect((await call(verifyDomain, otherKey, "/sso/domains/x/verify", { method: "POST", params: { id: "x" } })).status).toBe(404);

    expect((await call(removeDomain, key, `/sso/domains/${params.id}`, { method: "DELETE", params })).status).toBe(204);
    expect((await call(listDomains, key, "/sso/domains")).body.data).toEqual([]);
  });

  it("previews the lockout and enforces only once confirmed", async () => {
    const { owner, key } = await ssoKey();
    // Invited before the domain routes to SSO, so Dana can still accept with a password.
    await addMemberViaInvitation(owner, { email: "dana@example.test", name: "Dana", password: PASSWORD, role: "viewer" });
    await call(putOidc, key, "/sso/oidc", {
      method: "PUT",
      body: { issuer: peer.issuer, client_id: "patchbay", client_secret: CLIENT_SECRET },
    });
    const notYet = await call(putEnforcement, key, "/sso/enforcement", { method: "PUT", body: { enforced: true, confirmed: true } });
    expect(notYet.status).toBe(422);
    expect(notYet.body.error.message).toContain("Verify a domain");

    const claimed = await call(claimDomain, key, "/sso/domains", { method: "POST", body: { domain: "example.test" } });
    dns.txt.set(claimed.body.txt_record.name, [claimed.body.txt_record.value]);
    expect((await call(verifyDomain, key, "/sso/domains/verify", { method: "POST", params: { id: claimed.body.id } })).status).toBe(200);

    const preview = await call(members, key, "/sso/members");
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ enforced: false, verified_domains: ["example.test"] });
    expect(Object.fromEntries(preview.body.data.map((m: { email: string; lockout: string | null }) => [m.email, m.lockout]))).toEqual({
      "dana@example.test": null,
      "owner@acme.test": "outside_verified_domains",
    });

    const unconfirmed = await call(putEnforcement, key, "/sso/enforcement", { method: "PUT", body: { enforced: true } });
    expect(unconfirmed.status).toBe(422);
    const badBody = await call(putEnforcement, key, "/sso/enforcement", { method: "PUT", body: { enforced: "yes" } });
    expect(badBody.status).toBe(422);
    expect(Object.keys(badBody.body.error.fields)).toEqual(["enforced"]);

    const on = await call(putEnforcement, key, "/sso/enforcement", { method: "PUT", body: { enforced: true, confirmed: true } });
    expect(on.status).toBe(200);
    expect(on.body.enforced).toBe(true);
    expect((await call(getConfig, key, "/sso")).body.enforced).toBe(true);
    expect(await db().select().from(auditEvents).where(eq(auditEvents.action, "sso.enforced"))).toHaveLength(1);

    // The owner, outside the verified domain, is locked out until made a break-glass account.
    const byEmail = (body: { data: { email: string; user_id: string; break_glass: boolean; lockout: string | null }[] }) =>
      Object.fromEntries(body.data.map((m) => [m.email, m]));
    const ownerId = byEmail(on.body)["owner@acme.test"]!.user_id;
    const danaId = byEmail(on.body)["dana@example.test"]!.user_id;
    const glass = await call(putBreakGlass, key, "/sso/break-glass", { method: "PUT", body: { user_id: ownerId, break_glass: true } });
    expect(glass.status).toBe(200);
    expect(byEmail(glass.body)["owner@acme.test"]).toMatchObject({ break_glass: true, lockout: null });
    const viewer = await call(putBreakGlass, key, "/sso/break-glass", { method: "PUT", body: { user_id: danaId, break_glass: true } });
    expect(viewer.status).toBe(422);
    expect(viewer.body.error.message).toContain("Only owners");
    const unknown = await call(putBreakGlass, key, "/sso/break-glass", { method: "PUT", body: { user_id: "not-an-id", break_glass: 1 } });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.error.fields).sort()).toEqual(["break_glass", "user_id"]);
    const stranger = await call(putBreakGlass, key, "/sso/break-glass", {
      method: "PUT",
      body: { user_id: "7c1e9a2b-4d3f-4b6a-8e5c-1f2a3b4c5d6e", break_glass: true },
    });
    expect(stranger.status).toBe(404);
    const off = await call(putBreakGlass, key, "/sso/break-glass", { method: "PUT", body: { user_id: ownerId, break_glass: false } });
    expect(byEmail(off.body)["owner@acme.test"]).toMatchObject({ break_glass: false, lockout: "outside_verified_domains" });
    expect(
      (await db().select().from(auditEvents).where(eq(auditEvents.action, "sso.break_glass_granted"))).length +
        (await db().select().from(auditEvents).where(eq(auditEvents.action, "sso.break_glass_revoked"))).length,
    ).toBe(2);
  });
});

describe("sso:write through OAuth consent", () => {
  it("is granted by an owner only, not by an admin", async () => {
    const owner = await ownerContext();
    const redirect = "https://idm.example.com/callback";
    const { client } = await createOAuthClient(owner, {
      name: "Identity manager",
      redirect_uris: [redirect],
      scopes: ["sso:write"],
      grant_types: ["authorization_code"],
    });
    await addMemberViaInvitation(owner, { email: "admin@acme.test", name: "Admin", password: PASSWORD, role: "admin" });
    const [admin] = await db().select().from(users).where(eq(users.email, "admin@acme.test"));
    const request = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: redirect,
      response_type: "code",
      scope: "sso:write",
      state: "s1",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    const issuer = "http://patchbay.example.com";
    await expect(
      decideConsent({ id: admin!.id, email: "admin@acme.test", ip: null }, { request, tenant: "acme", decision: "allow" }, issuer),
    ).rejects.toMatchObject({ status: 403, message: expect.stringContaining("sso:write") });
    const granted = new URL(
      await decideConsent(
        { id: owner.userId!, email: "owner@acme.test", ip: null },
        { request, tenant: "acme", decision: "allow" },
        issuer,
      ),
    );
    expect(granted.searchParams.get("code")).toBeTruthy();
  });
});
