import { expect, test, type Page } from "@playwright/test";
import { startDnsServer, type DnsPeer } from "../tests/peers/dns-server";
import { startOidcProvider, type OidcPeer } from "../tests/peers/oidc-provider";
import { startSamlIdpServer } from "../tests/peers/saml-idp";
import { expectAccessible } from "./pages/accessibility";
import { signOut } from "./pages/auth";
import { ProviderPages } from "./pages/oauth";
import { OWNER, signInAsOwner } from "./pages/session";
import { SSO_DNS_PORT_OFFSET } from "./ports";

const port = Number(process.env.E2E_PORT ?? 3210);
const origin = `http://127.0.0.1:${port}`;
const SECRET = "e2e-sso-client-secret-0123456789";

async function continueWithEmail(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe.serial("single sign-on for admins", () => {
  let dns: DnsPeer;
  let oidc: OidcPeer;
  let saml: Awaited<ReturnType<typeof startSamlIdpServer>>;

  test.beforeAll(async () => {
    dns = await startDnsServer(port + SSO_DNS_PORT_OFFSET);
    oidc = await startOidcProvider({
      clients: [
        {
          clientId: "patchbay-sso",
          clientSecret: SECRET,
          auth: "client_secret_basic",
          redirectUris: [`${origin}/api/sso/${OWNER.tenant}/oidc/callback`],
        },
      ],
    });
    saml = await startSamlIdpServer(async () => (await fetch(`${origin}/api/sso/${OWNER.tenant}/saml/metadata`)).text());
  });
  test.afterAll(async () => {
    await Promise.all([dns?.close(), oidc?.close(), saml?.close()]);
  });

  test("the owner configures OIDC and verifies the domain with a DNS TXT record", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto(`/t/${OWNER.tenant}/settings/sso`);
    await expect(page.getByText(`${origin}/api/sso/${OWNER.tenant}/oidc/callback`)).toBeVisible();
    await page.getByLabel("Issuer URL").fill(oidc.issuer);
    await page.getByLabel("Client ID").fill("patchbay-sso");
    await page.getByLabel("Client secret").fill(SECRET);
    await page.getByLabel("Scopes").fill("openid email");
    await page.getByRole("button", { name: "Save OpenID Connect settings" }).click();
    await expect(page.getByText("Signing in with OpenID Connect.")).toBeVisible();
    await expect(page.getByText(`(ends …${SECRET.slice(-4)})`)).toBeVisible();

    await page.getByLabel("Domain").fill("example.test");
    await page.getByRole("button", { name: "Add domain" }).click();
    const row = page.getByRole("listitem", { name: "example.test" });
    await expect(row.getByText("Not verified")).toBeVisible();
    // A lookup before the record exists says so.
    await row.getByRole("button", { name: "Verify" }).click();
    await expect(row.getByRole("alert")).toContainText("No TXT record");
    const name = (await row.locator("code").nth(0).textContent())!.trim();
    const value = (await row.locator("code").nth(1).textContent())!.trim();
    dns.txt.set(name, [value]);
    await row.getByRole("button", { name: "Verify" }).click();
    await expect(row.getByText("Verified", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await signOut(page);
  });

  test("someone in the verified domain signs in through the provider's own pages and joins as a viewer", async ({ page }) => {
    await continueWithEmail(page, "alice@example.test");
    await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/interaction/`));
    const provider = new ProviderPages(page);
    await provider.signIn("alice");
    await provider.consent();
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await page.goto(`/t/${OWNER.tenant}/settings/members`);
    await expect(page.getByText("You have viewer access")).toBeVisible();
    await expect(page.getByRole("cell", { name: /alice@example\.test/ })).toBeVisible();
    await signOut(page);
  });

  test("an email outside the verified domains gets the password field", async ({ page }) => {
    await continueWithEmail(page, OWNER.email);
    await expect(page.getByLabel("Password")).toBeVisible();
  });

  test("the owner switches to SAML with the IdP's metadata URL; a SAML sign-in joins the organisation", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto(`/t/${OWNER.tenant}/settings/sso`);
    await page.getByRole("tab", { name: "SAML 2.0" }).click();
    await expect(page.getByText(`${origin}/api/sso/${OWNER.tenant}/saml/acs`)).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download SP metadata" }).click();
    expect((await download).suggestedFilename()).toBe(`patchbay-${OWNER.tenant}-sp-metadata.xml`);
    await page.getByLabel("IdP metadata URL").fill(`${new URL(saml.ssoUrl).origin}/metadata`);
    await page.getByRole("button", { name: "Save SAML settings" }).click();
    await expect(page.getByText("Signing in with SAML 2.0.")).toBeVisible();
    await signOut(page);

    await continueWithEmail(page, "grace@example.test");
    await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
    await page.getByLabel("Email").fill("grace@example.test");
    await page.getByRole("button", { name: "Sign in to the IdP" }).click();
    await page.getByRole("button", { name: "Continue to Patchbay" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await signOut(page);
  });

  test("enforcing SSO previews the lockout and asks to confirm; the break-glass owner still signs in with a password", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto(`/t/${OWNER.tenant}/settings/sso`);
    await page.getByRole("button", { name: `Make break-glass ${OWNER.email}` }).click();
    await expect(page.getByRole("button", { name: `Remove break-glass from ${OWNER.email}` })).toBeVisible();
    await page.getByRole("button", { name: "Enforce SSO…" }).click();
    const dialog = page.getByRole("dialog");
    // The foundation spec's viewer (val@acme.test) is outside the verified domain.
    await expect(dialog.getByRole("list", { name: "Members who would lose access" })).toContainText("val@acme.test");
    await dialog.getByRole("button", { name: "Enforce SSO" }).click();
    await expect(page.getByText("Single sign-on is enforced.")).toBeVisible();
    await signOut(page);

    // The break-glass owner still signs in with a password.
    await page.goto("/login?password=1");
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await page.goto(`/t/${OWNER.tenant}/settings/sso`);
    await page.getByRole("button", { name: "Stop enforcing" }).click();
    await expect(page.getByRole("button", { name: "Enforce SSO…" })).toBeVisible();
    await signOut(page);
  });
});
