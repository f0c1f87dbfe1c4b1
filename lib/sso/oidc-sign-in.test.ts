import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents, memberships, ssoConnections, ssoFlows, users } from "@/db/schema";
import { verifySignIn } from "@/lib/auth/sign-in";
import type { TenantContext } from "@/lib/tenancy";
import { addMemberViaInvitation, ownerContext, PASSWORD } from "@/tests/fixtures";
import { startDnsServer, type DnsPeer } from "@/tests/peers/dns-server";
import { signInAndConsent, startOidcProvider, type OidcPeer } from "@/tests/peers/oidc-provider";
import { selfSignedPair } from "@/tests/peers/sso-keys";
import { getConnectionView, saveOidcConnection } from "./connection";
import { claimDomain, verifyDomain } from "./domains";
import { memberAccess, setBreakGlass, setEnforcement, tenantAccessAllowed } from "./enforce";
import { consumeSsoTicket, completeOidc, pruneSsoRecords, startSsoSignIn } from "./flow";

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

const ORIGIN = "http://patchbay.test";
const CLIENT_SECRET = "sso-peer-client-secret-0123456789";

beforeAll(async () => {
  dns = await startDnsServer();
  peer = await startOidcProvider({
    clients: [
      {
        clientId: "patchbay",
        clientSecret: CLIENT_SECRET,
        auth: "client_secret_basic",
        redirectUris: [`${ORIGIN}/api/sso/acme/oidc/callback`],
      },
    ],
  });
});
afterAll(async () => {
  await peer.close();
  await dns.close();
});

/** The owner configures OIDC and proves example.test (the peer's users are <login>@example.test). */
async function configured(existing?: TenantContext) {
  const ctx = existing ?? (await ownerContext());
  await saveOidcConnection(ctx, { issuer: peer.issuer, client_id: "patchbay", client_secret: CLIENT_SECRET, scopes: "openid email" });
  const domain = await claimDomain(ctx, { domain: "example.test" });
  dns.txt.set(domain.recordName, [domain.recordValue]);
  await verifyDomain(ctx, { id: domain.id });
  return { ctx, domain };
}

/** The browser's part: Patchbay's redirect, the provider's login and consent pages, the callback, then the session step. */
async function signInThroughIdp(login: string) {
  const start = await startSsoSignIn(`${login}@example.test`, undefined, ORIGIN);
  if (start.kind !== "redirect") throw new Error("expected a redirect to the IdP");
  const callback = await signInAndConsent(start.url, { login });
  await completeOidc("acme", callback, "203.0.113.9");
  return { start, callback, user: await consumeSsoTicket("acme", start.binding) };
}

describe("OIDC single sign-on", () => {
  it("stores the client secret encrypted and shows only a hint", async () => {
    const { ctx } = await configured();
    const [row] = await db().select().from(ssoConnections);
    expect(row!.oidcClientSecret).toMatch(/^pbenc:v1:/);
    expect(JSON.stringify(row)).not.toContain(CLIENT_SECRET);
    const view = await getConnectionView(ctx);
    expect(view?.oidc).toMatchObject({ issuer: peer.issuer, hasClientSecret: true, secretHint: `…${CLIENT_SECRET.slice(-4)}` });
    expect(JSON.stringify(view)).not.toContain(CLIENT_SECRET);
  });

  it("refuses an issuer without a discovery document, with a field message", async () => {
    const ctx = await ownerContext();
    await expect(
      saveOidcConnection(ctx, {
        issuer: `${peer.issuer}/nowhere`,
        client_id: "patchbay",
        client_secret: CLIENT_SECRET,
        scopes: "openid email",
      }),
    ).rejects.toMatchObject({ code: "validation_failed", fields: { issuer: expect.stringContaining("discovery") } });
    expect(await db().select().from(ssoConnections)).toHaveLength(0);
  });

  it("only an owner configures SSO", async () => {
    const ctx = await ownerContext();
    await expect(
      saveOidcConnection({ ...ctx, role: "admin" }, { issuer: peer.issuer, client_id: "x", client_secret: "y" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("sends an unverified domain to the password field, and verifies a domain only with the TXT record", async () => {
    const ctx = await ownerContext();
    await saveOidcConnection(ctx, { issuer: peer.issuer, client_id: "patchbay", client_secret: CLIENT_SECRET, scopes: "openid email" });
    const domain = await claimDomain(ctx, { domain: "example.test" });
    expect(await startSsoSignIn("alice@example.test", undefined, ORIGIN)).toEqual({ kind: "password" });
    dns.txt.set(domain.recordName, ["patchbay-verification=someone-elses-token"]);
    await expect(verifyDomain(ctx, { id: domain.id })).rejects.toMatchObject({ code: "validation_failed" });
    dns.txt.set(domain.recordName, [domain.recordValue]);
    expect((await verifyDomain(ctx, { id: domain.id })).verifiedAt).not.toBeNull();
    expect(await startSsoSignIn("alice@example.test", undefined, ORIGIN)).toMatchObject({ kind: "redirect" });
    expect(await startSsoSignIn("alice@elsewhere.test", undefined, ORIGIN)).toEqual({ kind: "password" });
  });

  it("signs a first-time user in through the provider's pages, creating them as a viewer (JIT), audited", async () => {
    await configured();
    const { start, user } = await signInThroughIdp("alice");
    expect(new URL(start.url).searchParams.get("code_challenge_method")).toBe("S256");
    expect(user).toMatchObject({ email: "alice@example.test" });
    const [member] = await db().select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(member!.role).toBe("viewer");
    const actions = (await db().select().from(auditEvents)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sso.user_provisioned", "member.added", "auth.signed_in"]));
    // The binding cookie gives one session, not two.
    expect(await consumeSsoTicket("acme", start.binding)).toBeNull();
  });

  it("gives JIT members the tenant's configured default role", async () => {
    const { ctx } = await configured();
    await saveOidcConnection(ctx, { issuer: peer.issuer, client_id: "patchbay", scopes: "openid email", default_role: "admin" });
    const { user } = await signInThroughIdp("bob");
    const [member] = await db().select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(member!.role).toBe("admin");
  });

  it("refuses a replayed callback and a session for a browser that did not start the flow", async () => {
    await configured();
    const start = await startSsoSignIn("carol@example.test", undefined, ORIGIN);
    if (start.kind !== "redirect") throw new Error("expected a redirect");
    const callback = await signInAndConsent(start.url, { login: "carol" });
    await completeOidc("acme", callback, null);
    await expect(completeOidc("acme", callback, null)).rejects.toMatchObject({ code: "flow_missing" });
    expect(await consumeSsoTicket("acme", "a-cookie-from-another-browser")).toBeNull();
  });

  it("prunes flows a day after they expired", async () => {
    await configured();
    await signInThroughIdp("pat");
    await pruneSsoRecords(new Date(Date.now() + 60 * 60 * 1000));
    expect(await db().select().from(ssoFlows)).toHaveLength(1);
    await pruneSsoRecords(new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(await db().select().from(ssoFlows)).toHaveLength(0);
  });

  it("refuses a callback whose state no flow of ours issued", async () => {
    await configured();
    const start = await startSsoSignIn("dave@example.test", undefined, ORIGIN);
    if (start.kind !== "redirect") throw new Error("expected a redirect");
    const callback = await signInAndConsent(start.url, { login: "dave" });
    callback.searchParams.set("state", "forged-state");
    await expect(completeOidc("acme", callback, null)).rejects.toMatchObject({ code: "idp_initiated" });
  });

  it("refuses an IdP user outside the tenant's verified domains", async () => {
    await configured();
    const start = await startSsoSignIn("erin@example.test", undefined, ORIGIN);
    if (start.kind !== "redirect") throw new Error("expected a redirect");
    // The IdP now names the user by a subject in elsewhere.test, which the tenant never proved it owns.
    const [connection] = await db().select().from(ssoConnections);
    await db().update(ssoConnections).set({ oidcEmailClaim: "sub" }).where(eq(ssoConnections.tenantId, connection!.tenantId));
    const callback = await signInAndConsent(start.url, { login: "erin@elsewhere.test" });
    await expect(completeOidc("acme", callback, null)).rejects.toMatchObject({ code: "unverified_domain" });
    expect(await db().select().from(users).where(eq(users.email, "erin@elsewhere.test"))).toHaveLength(0);
    const [failure] = await db().select().from(auditEvents).where(eq(auditEvents.action, "auth.sso_failed"));
    expect(failure!.details).toMatchObject({ reason: "unverified_domain" });
  });
});

describe("enforced SSO", () => {
  it("previews the lockout, asks for confirmation, then refuses passwords except for break-glass owners", async () => {
    // Both had passwords before the domain was verified: once it is, new invitees there sign in through the IdP.
    const owner = await ownerContext();
    await addMemberViaInvitation(owner, { email: "contractor@outside.test", name: "Contractor", role: "admin" });
    await addMemberViaInvitation(owner, { email: "frank@example.test", name: "Frank", role: "owner" });
    const { ctx } = await configured(owner);
    const preview = await memberAccess(ctx);
    expect(Object.fromEntries(preview.members.map((m) => [m.email, m.lockout]))).toEqual({
      "contractor@outside.test": "outside_verified_domains",
      "frank@example.test": "owner_without_sso_identity",
      "owner@acme.test": "outside_verified_domains",
    });
    await setBreakGlass(ctx, { user_id: ctx.userId!, break_glass: true });
    await expect(setEnforcement(ctx, { enforced: true })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await memberAccess(ctx)).enforced).toBe(false);
    await setEnforcement(ctx, { enforced: true, confirmed: true });

    expect(await verifySignIn({ email: "frank@example.test", password: PASSWORD }, null)).toEqual({ ok: false, reason: "sso_required" });
    expect(await verifySignIn({ email: "owner@acme.test", password: PASSWORD }, null)).toMatchObject({ ok: true });
    const [contractor] = await db().select().from(users).where(eq(users.email, "contractor@outside.test"));
    expect(await tenantAccessAllowed(ctx.tenant, contractor!)).toBe(false);
    expect(await tenantAccessAllowed(ctx.tenant, { id: ctx.userId!, email: "owner@acme.test" })).toBe(true);

    // Frank marked break-glass gets his password back; SSO still signs him in either way.
    await setBreakGlass(ctx, {
      user_id: (await db().select().from(users).where(eq(users.email, "frank@example.test")))[0]!.id,
      break_glass: true,
    });
    expect(await verifySignIn({ email: "frank@example.test", password: PASSWORD }, null)).toMatchObject({ ok: true });
    const { user } = await signInThroughIdp("frank");
    expect(user?.email).toBe("frank@example.test");
    const refused = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in_refused")));
    expect(refused).toHaveLength(1);
  });

  it("does not let an owner enforce SSO in a way that locks themselves out", async () => {
    const { ctx } = await configured();
    await expect(setEnforcement(ctx, { enforced: true, confirmed: true })).rejects.toMatchObject({
      message: expect.stringContaining("lock you out"),
    });
  });
});
