import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata } from "oidc-provider";

/**
 * A real OAuth 2.0 / OpenID Connect server (the `oidc-provider` package) on loopback, playing
 * the provider for vitest and Playwright: its own login and consent pages (dev interactions),
 * PKCE, client_secret_basic and client_secret_post, refresh-token rotation, revocation and the
 * client-credentials grant. It counts the calls made to its token endpoint.
 */
export type OidcPeer = {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Calls to the token endpoint: `total`, and by grant type for those the provider handled. */
  tokenRequests: Record<string, number>;
  /** Calls to the revocation endpoint, by token type hint. */
  revocations: string[];
  /** The provider answers the next calls to its token endpoint with this status, then behaves again. */
  failNextTokenRequests(count: number, status: number): void;
  close(): Promise<void>;
};

export type PeerClient = {
  clientId: string;
  clientSecret: string;
  auth: "client_secret_basic" | "client_secret_post";
  redirectUris?: string[];
  grantTypes?: ("authorization_code" | "refresh_token" | "client_credentials")[];
};

export async function startOidcProvider(options: {
  clients: PeerClient[];
  accessTokenTtlSeconds?: number;
  requirePkce?: boolean;
  tokenDelayMs?: number;
}): Promise<OidcPeer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ttl = options.accessTokenTtlSeconds ?? 3600;

  const clients: ClientMetadata[] = options.clients.map((c) => {
    const grantTypes = c.grantTypes ?? ["authorization_code", "refresh_token"];
    const interactive = grantTypes.includes("authorization_code");
    return {
      client_id: c.clientId,
      client_secret: c.clientSecret,
      token_endpoint_auth_method: c.auth,
      grant_types: grantTypes,
      response_types: interactive ? ["code"] : [],
      redirect_uris: interactive ? (c.redirectUris ?? []) : [],
      scope: "openid email offline_access",
    };
  });

  const provider = new Provider(issuer, {
    clients,
    cookies: { keys: ["patchbay-test-peer-cookie-key"] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, email: `${sub}@example.test` }) }),
    claims: { openid: ["sub"], email: ["email"] },
    // Puts the granted claims (the email) in the ID token, as many providers do, not only at userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, clientCredentials: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => options.requirePkce ?? true },
    // Every client of the peer may refresh; rotation on, so each refresh returns a new refresh token.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    expiresWithSession: async () => false,
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Grant: 24 * 3600,
      Session: 3600,
      Interaction: 600,
    },
  });
  provider.proxy = false;

  const tokenRequests: Record<string, number> = {};
  const revocations: string[] = [];
  let failures = { count: 0, status: 503 };
  provider.use(async (ctx, next) => {
    const isToken = ctx.method === "POST" && ctx.path === "/token";
    if (isToken) tokenRequests.total = (tokenRequests.total ?? 0) + 1;
    if (isToken && failures.count > 0) {
      failures.count--;
      ctx.status = failures.status;
      ctx.body = { error: "temporarily_unavailable" };
      return;
    }
    if (isToken && options.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs));
    await next();
    const params = (ctx as { oidc?: { params?: Record<string, unknown> } }).oidc?.params;
    if (isToken) {
      const grant = String(params?.grant_type ?? "unknown");
      tokenRequests[grant] = (tokenRequests[grant] ?? 0) + 1;
    }
    if (ctx.method === "POST" && ctx.path === "/token/revocation") revocations.push(String(params?.token_type_hint ?? ""));
  });

  server.on("request", provider.callback());
  return {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revokeUrl: `${issuer}/token/revocation`,
    tokenRequests,
    revocations,
    failNextTokenRequests(count, status) {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Walks the provider's own login and consent pages as a browser would (cookies, redirects,
 * form posts) and answers where the provider finally redirects: the client's redirect URI
 * with `code` and `state`, or with `error` when the user cancels.
 */
export async function signInAndConsent(authorizationUrl: string, options: { login: string; cancel?: boolean }): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (!next.pathname.startsWith("/auth") && !next.pathname.startsWith("/interaction")) return next;
      [url, method, body] = [next.toString(), "GET", undefined];
      continue;
    }
    const page = await res.text();
    const uid = /\/interaction\/([^/"?]+)/.exec(url)?.[1];
    if (!uid) throw new Error(`unexpected page from the provider at ${url}: ${res.status}`);
    if (options.cancel) [url, method, body] = [`${new URL(url).origin}/interaction/${uid}/abort`, "GET", undefined];
    else if (page.includes('name="login"'))
      [method, body] = ["POST", new URLSearchParams({ prompt: "login", login: options.login, password: "any" }).toString()];
    else [method, body] = ["POST", new URLSearchParams({ prompt: "consent" }).toString()];
  }
  throw new Error("the provider kept redirecting");
}
