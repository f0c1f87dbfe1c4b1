import { expect, type Page } from "@playwright/test";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  /** Email first; an address outside the verified SSO domains then gets the password field. */
  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    // After a failed attempt the form is already at the password step.
    const next = this.page.getByRole("button", { name: "Continue" });
    if (await next.isVisible()) await next.click();
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async expectError(text: string | RegExp) {
    await expect(this.page.getByRole("alert").filter({ hasText: text })).toBeVisible();
  }
}

export class SetupPage {
  constructor(private readonly page: Page) {}

  async fill(values: { tenantName: string; tenantSlug?: string; name: string; email: string; password: string }) {
    await this.page.getByLabel("Organisation name").fill(values.tenantName);
    if (values.tenantSlug) await this.page.getByLabel("URL name").fill(values.tenantSlug);
    await this.page.getByLabel("Your name").fill(values.name);
    await this.page.getByLabel("Email").fill(values.email);
    await this.page.getByLabel("Password").fill(values.password);
    await this.page.getByRole("button", { name: "Create organisation" }).click();
  }
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
