import { expect, type Page } from "@playwright/test";
import { LoginPage, SetupPage } from "./auth";

export const owner = { name: "Ada Owner", email: "ada@acme.test", password: "correct-horse-42" };

/** Signs the owner in, setting Patchbay up first when this spec runs on a fresh server by itself. */
export async function signInAsOwner(page: Page) {
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    await new SetupPage(page).fill({
      tenantName: "Acme Corp",
      tenantSlug: "acme",
      name: owner.name,
      email: owner.email,
      password: owner.password,
    });
    // Setup signs the owner in.
    await expect(page).toHaveURL(/\/t\/acme$/);
    return;
  }
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/t\/acme$/);
}

/** An API key with the integrations scopes, made through the API keys page. */
export async function createIntegrationsKey(page: Page, name: string): Promise<string> {
  await page.goto("/t/acme/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("checkbox", { name: /integrations:read/ }).check();
  await dialog.getByRole("checkbox", { name: /integrations:write/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await page.getByRole("button", { name: "Done" }).click();
  return key;
}

/** The provider's own pages (oidc-provider's dev interactions): sign in, then consent or cancel. */
export class ProviderPages {
  constructor(private readonly page: Page) {}

  async signIn(login: string) {
    await this.page.getByPlaceholder("Enter any login").fill(login);
    await this.page.getByPlaceholder("and password").fill("any password");
    await this.page.getByRole("button", { name: "Sign-in" }).click();
  }

  async consent() {
    await this.page.getByRole("button", { name: "Continue" }).click();
  }

  async cancel() {
    await this.page.getByRole("link", { name: "[ Cancel ]" }).click();
  }
}
