import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as validator from "@authenio/samlify-xmllint-wasm";
import * as samlify from "samlify";
import { selfSignedPair } from "./sso-keys";

samlify.setSchemaValidator(validator);

/** Changes to what the IdP asserts, for tests of each check: any template tag (Audience, NameID, times…). */
export type AssertionOverrides = Partial<Record<string, string>>;

/**
 * samlify playing the identity provider: it reads Patchbay's signed AuthnRequest (checking the
 * SP's signature against the SP metadata Patchbay publishes) and signs real assertions with its
 * own key, as Okta or Entra ID would.
 */
export function samlIdp(options: { entityId?: string; ssoUrl?: string } = {}) {
  const keys = selfSignedPair("saml-idp.test");
  const entityId = options.entityId ?? "https://idp.example.test/saml";
  const ssoUrl = options.ssoUrl ?? "https://idp.example.test/sso";
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.privateKey,
    signingCert: keys.certificate,
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl }],
    nameIDFormat: [samlify.Constants.namespace.format.emailAddress],
    wantAuthnRequestsSigned: true,
  });

  /** Reads the AuthnRequest Patchbay redirected to, verifying its signature; answers its id and RelayState. */
  async function readRequest(spMetadata: string, redirectUrl: string) {
    const sp = samlify.ServiceProvider({ metadata: spMetadata });
    const url = new URL(redirectUrl);
    // The signature covers the parameters exactly as they were encoded in the URL.
    const raw = Object.fromEntries(
      url.search
        .slice(1)
        .split("&")
        .map((pair) => pair.split("=") as [string, string]),
    );
    const octetString = ["SAMLRequest", "RelayState", "SigAlg"]
      .filter((k) => raw[k] !== undefined)
      .map((k) => `${k}=${raw[k]}`)
      .join("&");
    const parsed = await idp.parseLoginRequest(sp, "redirect", { query: Object.fromEntries(url.searchParams), octetString });
    const requestId = String(parsed.extract.request?.id ?? "");
    return { sp, requestInfo: { extract: { request: { id: requestId } } }, requestId, relayState: url.searchParams.get("RelayState") };
  }

  /** A signed SAMLResponse (base64) answering the request, with any tag changed. */
  async function respond(spMetadata: string, redirectUrl: string, email: string, overrides: AssertionOverrides = {}) {
    const { sp, requestInfo, requestId, relayState } = await readRequest(spMetadata, redirectUrl);
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60 * 1000).toISOString();
    const acs = sp.entityMeta.getAssertionConsumerService("post") as string;
    const values: Record<string, string> = {
      ID: `_${randomUUID()}`,
      AssertionID: `_${randomUUID()}`,
      Destination: acs,
      Audience: sp.entityMeta.getEntityID(),
      EntityID: sp.entityMeta.getEntityID(),
      SubjectRecipient: acs,
      Issuer: entityId,
      IssueInstant: now.toISOString(),
      AssertionConsumerServiceURL: acs,
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: samlify.Constants.namespace.format.emailAddress,
      NameID: email,
      InResponseTo: requestId,
      AuthnStatement: "",
      AttributeStatement: "",
      ...overrides,
    } as Record<string, string>;
    const response = await idp.createLoginResponse(
      sp,
      requestInfo,
      "post",
      { email },
      {
        customTagReplacement: (template: string) => ({ id: values.ID!, context: samlify.SamlLib.replaceTagsByValue(template, values) }),
      },
    );
    return { samlResponse: response.context, relayState, acs, assertionId: values.AssertionID! };
  }

  return { entityId, ssoUrl, certificate: keys.certificate, metadata: () => idp.getMetadata(), readRequest, respond };
}

export type SamlIdpPeer = ReturnType<typeof samlIdp>;

/**
 * The same IdP on loopback for the browser: its SSO URL shows a sign-in form, and signing in
 * auto-posts the signed response to Patchbay's ACS, like a real IdP's HTTP-POST binding.
 */
export async function startSamlIdpServer(spMetadata: () => Promise<string>): Promise<SamlIdpPeer & { close(): Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const peer = samlIdp({ entityId: `${origin}/metadata`, ssoUrl: `${origin}/sso` });
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  server.on("request", (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      if (url.pathname === "/metadata") {
        res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(peer.metadata());
        return;
      }
      if (url.pathname === "/sso" && !url.searchParams.has("email")) {
        const page = `<!doctype html><title>Test IdP</title><h1>Test IdP sign-in</h1><form method="get" action="/sso">${[
          ...url.searchParams,
        ]
          .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
          .join("")}<label>Email <input name="email"></label><button>Sign in to the IdP</button></form>`;
        res.writeHead(200, { "content-type": "text/html" }).end(page);
        return;
      }
      if (url.pathname === "/sso") {
        const email = url.searchParams.get("email")!;
        const original = new URL(`${origin}/sso`);
        for (const k of ["SAMLRequest", "RelayState", "SigAlg", "Signature"]) {
          const v = url.searchParams.get(k);
          if (v !== null) original.searchParams.set(k, v);
        }
        const { samlResponse, relayState, acs } = await peer.respond(await spMetadata(), original.toString(), email);
        const page = `<!doctype html><title>Posting</title><form id="f" method="post" action="${escape(acs)}"><input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}"><input type="hidden" name="RelayState" value="${escape(relayState ?? "")}"><button>Continue to Patchbay</button></form>`;
        res.writeHead(200, { "content-type": "text/html" }).end(page);
        return;
      }
      res.writeHead(404).end();
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  return {
    ...peer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
