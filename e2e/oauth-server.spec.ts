import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import * as client from "openid-client";
import { expectAccessible } from "./pages/accessibility";
import { LoginPage } from "./pages/auth";
import { owner, signInAsOwner } from "./pages/oauth";

const port = Number(process.env.E2E_PORT ?? 3210);
const base = `http://127.0.0.1:${port}`;

/** A third-party app's callback on loopback: it just shows where the browser landed. */
async function startCallback() {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<title>App</title>back"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback` };
}

async function me(config: client.Configuration, accessToken: string) {
  try {
    const res = await client.fetchProtectedResource(config, accessToken, new URL(`${base}/api/v1/me`), "GET");
    return { status: res.status, body: await res.json() };
  } catch (e) {
    if (e instanceof client.WWWAuthenticateChallengeError) return { status: e.response.status, body: null };
    throw e;
  }
}

async function authorizationUrl(config: client.Configuration, redirectUri: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "integrations:read",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  return { url, verifier, state };
}

test.describe.serial("a third-party app gets access through Patchbay's OAuth server", () => {
  let callback: Awaited<ReturnType<typeof startCallback>>;
  let config: client.Configuration;

  test.beforeAll(async () => {
    callback = await startCallback();
  });
  test.afterAll(async () => {
    callback?.server.closeAllConnections();
    await new Promise((resolve) => callback?.server.close(resolve));
  });

  async function registerApp(page: Page) {
    await page.goto("/t/acme/settings/oauth-apps");
    await expect(page.getByRole("heading", { name: "OAuth apps" })).toBeVisible();
    await page.getByRole("button", { name: "Register app" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Reporting dashboard");
    await dialog.getByLabel("Redirect URIs").fill("http://example.com/callback");
    await dialog.getByRole("button", { name: "Register app" }).click();
    await expect(dialog.getByText(/Use https/)).toBeVisible();
    await dialog.getByLabel("Redirect URIs").fill(callback.url);
    await dialog.getByRole("button", { name: "Register app" }).click();
    const secret = (await page.getByTestId("new-oauth-client-secret").textContent())!.trim();
    const description = (await dialog.getByText(/Client id: /).textContent())!;
    const clientId = /pbo_client_\w+/.exec(description)![0];
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("cell", { name: /^Reporting dashboard/ })).toBeVisible();
    return { clientId, secret };
  }

  test("the owner registers an app; its secret is shown once", async ({ page }) => {
    await signInAsOwner(page);
    const { clientId, secret } = await registerApp(page);
    expect(secret).toMatch(/^pbo_cs_/);
    await expectAccessible(page);
    await expect(page.getByText(secret)).toHaveCount(0);
    config = await client.discovery(new URL(base), clientId, undefined, client.ClientSecretBasic(secret), {
      algorithm: "oauth2",
      execute: [client.allowInsecureRequests],
    });
  });

  test("the admin sees a consent page naming the app, the organisation and the scopes; allowing returns a code that becomes tokens", async ({
    page,
  }) => {
    await signInAsOwner(page);
    const { url, verifier, state } = await authorizationUrl(config, callback.url);
    await page.goto(url.href);
    await expect(page.getByRole("heading", { name: /Allow Reporting dashboard to use Patchbay/ })).toBeVisible();
    await expect(page.getByText("Organisation: Acme Corp")).toBeVisible();
    await expect(page.getByTestId("consent-scopes")).toContainText("integrations:read");
    await expect(page.getByTestId("consent-scopes")).not.toContainText("webhooks");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL((u) => u.href.startsWith(callback.url));
    const back = new URL(page.url());
    expect(back.searchParams.get("state")).toBe(state);

    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.refresh_token).toMatch(/^pbo_rt_/);
    expect(await me(config, tokens.access_token)).toMatchObject({
      status: 200,
      body: { tenant: { slug: "acme" }, oauth_client: { name: "Reporting dashboard", consented_by: owner.email } },
    });

    await page.goto("/t/acme/settings/oauth-apps");
    const row = page.getByRole("row", { name: /Reporting dashboard.*integrations:read.*ada@acme\.test/ });
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "Revoke Reporting dashboard" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke access" }).click();
    await expect(page.getByText("No authorized apps")).toBeVisible();
    expect((await me(config, tokens.access_token)).status).toBe(401);
  });

  test("denying sends the browser back with access_denied, and a signed-out admin signs in first", async ({ page }) => {
    const { url } = await authorizationUrl(config, callback.url);
    await page.goto(url.href);
    await expect(page).toHaveURL(/\/login\?next=%2Foauth%2Fauthorize/);
    await new LoginPage(page).signIn(owner.email, owner.password);
    await expect(page.getByRole("heading", { name: /Allow Reporting dashboard/ })).toBeVisible();
    await page.getByRole("button", { name: "Deny" }).click();
    await page.waitForURL((u) => u.href.startsWith(callback.url));
    expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
  });

  test("an unregistered redirect URI gets Patchbay's own page, not a redirect", async ({ page }) => {
    await signInAsOwner(page);
    const { url } = await authorizationUrl(config, "https://evil.example.com/callback");
    await page.goto(url.href);
    await expect(page.getByRole("heading", { name: "This authorization request cannot continue" })).toBeVisible();
    await expect(page).toHaveURL(/\/oauth\/authorize/);
  });

  test("the API reference's Try it out works with an OAuth app's client credentials", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto("/t/acme/settings/oauth-apps");
    await page.getByRole("button", { name: "Register app" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Docs explorer");
    await dialog.getByRole("checkbox", { name: /^authorization_code/ }).uncheck();
    await dialog.getByRole("checkbox", { name: /^refresh_token/ }).uncheck();
    await dialog.getByRole("checkbox", { name: /^client_credentials/ }).check();
    await dialog.getByRole("button", { name: "Register app" }).click();
    const secret = (await page.getByTestId("new-oauth-client-secret").textContent())!.trim();
    const clientId = /pbo_client_\w+/.exec((await dialog.getByText(/Client id: /).textContent())!)![0];
    await page.getByRole("button", { name: "Done" }).click();

    await page.goto("/docs");
    await expect(page.getByText("Patchbay API").first()).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Authorize" }).first().click();
    const scheme = page.locator(".auth-container").filter({ hasText: "clientCredentials" });
    await scheme.locator("#client_id_clientCredentials").fill(clientId);
    await scheme.locator("#client_secret_clientCredentials").fill(secret);
    // No scope chosen: the token carries all of the app's scopes.
    await scheme.getByRole("button", { name: /Apply given OAuth2 credentials|Authorize/ }).click();
    await expect(scheme.getByText("Authorized")).toBeVisible();
    await scheme.getByRole("button", { name: "Close" }).click();
    const getMe = page.locator("#operations-Account-getMe");
    await getMe.locator(".opblock-summary-control").click();
    // Scoped to GET /me: other operations (POST /import/execute) have "Execute" in their names.
    await getMe.getByRole("button", { name: "Try it out" }).click();
    await getMe.getByRole("button", { name: "Execute", exact: true }).click();
    const live = page.locator(".live-responses-table");
    await expect(live.locator("tbody .response-col_status").first()).toHaveText("200");
    await expect(live).toContainText("Docs explorer");
  });
});
