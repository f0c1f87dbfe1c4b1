import { expect, type Page } from "@playwright/test";
import { LoginPage, SetupPage } from "./auth";

/** The owner and organisation foundation.spec.ts sets up; a spec run on its own sets them up itself. */
export const OWNER = { name: "Ada Owner", email: "ada@acme.test", password: "correct-horse-42", tenant: "acme" };

export async function signInAsOwner(page: Page) {
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    await new SetupPage(page).fill({
      tenantName: "Acme Corp",
      tenantSlug: OWNER.tenant,
      name: OWNER.name,
      email: OWNER.email,
      password: OWNER.password,
    });
    // Setup signs the owner in.
    await expect(page).toHaveURL(/\/t\/acme$/);
    return;
  }
  await new LoginPage(page).signIn(OWNER.email, OWNER.password);
  await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
}

/** Creates an API key on the keys page (the owner signed in) and returns it, shown once. */
export async function createApiKey(page: Page, name: string, scopes: string[] = ["integrations:write"]): Promise<string> {
  await page.goto(`/t/${OWNER.tenant}/settings/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  for (const scope of scopes) await dialog.getByRole("checkbox", { name: new RegExp(`^${scope}`) }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await page.getByRole("button", { name: "Done" }).click();
  return key;
}

/** Invites someone on the members page (an owner or admin signed in) and returns the link, shown once. */
export async function inviteMember(page: Page, email: string, role: "owner" | "admin" | "viewer"): Promise<string> {
  await page.goto(`/t/${OWNER.tenant}/settings/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("issued-link").textContent())!.trim();
  await page.getByRole("button", { name: "Done" }).click();
  return link;
}

/** The invitee's part, in a browser with nobody signed in: name and password, then signed in. */
export async function acceptInvitation(page: Page, link: string, name: string, password: string) {
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
}
