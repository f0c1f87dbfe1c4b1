import { expect, test, type Page } from "@playwright/test";
import { startOidcProvider, type OidcPeer } from "../tests/peers/oidc-provider";
import { expectAccessible } from "./pages/accessibility";
import { createIntegrationsKey, ProviderPages, signInAsOwner } from "./pages/oauth";

const port = Number(process.env.E2E_PORT ?? 3210);
const SECRET = "e2e-oauth-client-secret-0123456789";

test.describe.serial("connecting an OAuth2 integration", () => {
  let peer: OidcPeer;
  let integrationPath: string;
  let callbackUrl: string;

  test.beforeAll(async () => {
    peer = await startOidcProvider({
      clients: [
        {
          clientId: "patchbay-e2e",
          clientSecret: SECRET,
          auth: "client_secret_post",
          redirectUris: [`http://127.0.0.1:${port}/api/oauth/callback`],
        },
      ],
      accessTokenTtlSeconds: 3600,
    });
  });
  test.afterAll(async () => {
    await peer?.close();
  });

  async function openConnectionPage(page: Page) {
    await page.goto(integrationPath);
    await expect(page.getByRole("heading", { name: /OAuth connection/ })).toBeVisible();
  }

  test("the admin connects through the provider's sign-in and consent pages and sees Connected", async ({ page, request }) => {
    await signInAsOwner(page);
    const key = await createIntegrationsKey(page, "OAuth e2e");
    const created = await request.post("/api/v1/integrations", {
      headers: { Authorization: `Bearer ${key}` },
      data: {
        name: "Identity provider",
        provider: "custom_oauth2",
        auth_type: "oauth2",
        base_url: peer.issuer,
        credentials: { client_id: "patchbay-e2e", client_secret: SECRET },
        config: {
          oauth: {
            authorize_url: peer.authorizeUrl,
            token_url: peer.tokenUrl,
            revoke_url: peer.revokeUrl,
            scopes: ["openid"],
            client_auth: "client_secret_post",
          },
        },
      },
    });
    expect(created.status()).toBe(201);
    integrationPath = `/t/acme/integrations/${(await created.json()).id}/oauth`;

    await openConnectionPage(page);
    await expect(page.getByText("Not connected")).toBeVisible();
    await expectAccessible(page);

    page.on("request", (req) => {
      if (req.url().includes("/api/oauth/callback")) callbackUrl = req.url();
    });
    await page.getByLabel("Extra scopes (optional)").fill("email");
    await page.getByRole("button", { name: "Connect" }).click();
    await expect(page).toHaveURL(new RegExp(`^${peer.issuer}/interaction/`));
    const provider = new ProviderPages(page);
    await provider.signIn("alice");
    await provider.consent();

    await expect(page).toHaveURL(new RegExp(`${integrationPath}\\?oauth=connected$`));
    await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
    await expect(page.getByText("Connected", { exact: true }).first()).toBeVisible();
    await expect(page.getByText("alice@example.test").first()).toBeVisible();
    await expect(page.getByText("email", { exact: true })).toBeVisible();
    await expectAccessible(page);
    // Nothing secret reaches the browser.
    expect(await page.content()).not.toContain(SECRET);
  });

  test("Refresh now renews the token and shows in the history", async ({ page }) => {
    await signInAsOwner(page);
    await openConnectionPage(page);
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByText("Access token refreshed", { exact: true })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Refresh now" }).filter({ hasText: "Succeeded" })).toBeVisible();
    expect(peer.tokenRequests.refresh_token).toBe(1);
  });

  test("a reused or tampered state shows the error page and changes nothing", async ({ page }) => {
    await signInAsOwner(page);
    expect(callbackUrl).toContain("state=");
    await page.goto(callbackUrl);
    await expect(page).toHaveURL(/\/oauth\/error\?reason=used$/);
    await expect(page.getByRole("heading", { name: "This sign-in link was already used" })).toBeVisible();
    await expectAccessible(page);

    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", `${tampered.searchParams.get("state")!.slice(0, -3)}xyz`);
    await page.goto(tampered.toString());
    await expect(page.getByRole("heading", { name: "This sign-in link is not valid" })).toBeVisible();
    expect(peer.tokenRequests.authorization_code).toBe(1);
  });

  test("Disconnect revokes at the provider; denying consent on reconnect shows the provider's error", async ({ page }) => {
    await signInAsOwner(page);
    await openConnectionPage(page);
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByText("Not connected")).toBeVisible();
    expect(peer.revocations).toContain("refresh_token");

    await page.getByRole("button", { name: "Connect" }).click();
    await expect(page).toHaveURL(new RegExp(`^${peer.issuer}/interaction/`));
    await new ProviderPages(page).cancel();
    await expect(page).toHaveURL(new RegExp(`${integrationPath}\\?oauth_error=access_denied`));
    await expect(page.getByRole("alert").filter({ hasText: "access_denied" })).toContainText("End-User aborted interaction");
    await expect(page.getByText("Not connected")).toBeVisible();
    await expectAccessible(page);
  });
});
