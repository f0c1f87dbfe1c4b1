import { expect, test, type Browser } from "@playwright/test";
import { expectAccessible } from "./pages/accessibility";
import { LoginPage, signOut } from "./pages/auth";
import { acceptInvitation, inviteMember, OWNER, signInAsOwner } from "./pages/session";

const admin = { name: "Mia Admin", email: "mia@acme.test", password: "mia-first-pass-1" };
const changed = "mia-second-pass-2";
const reset = "mia-third-pass-3";

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(email, password);
  await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
  return { context, page };
}

test.describe.serial("members join by invitation and look after their passwords", () => {
  let link = "";

  test("an owner invites an admin and is shown the link once, with what to do when no mail server is set", async ({ page }) => {
    await signInAsOwner(page);
    await page.goto(`/t/${OWNER.tenant}/settings/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite member" });
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
    await dialog.getByLabel("Email").fill(OWNER.email);
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    await expect(dialog.getByText("Already a member of this organisation.")).toBeVisible();
    await page.keyboard.press("Escape");

    link = await inviteMember(page, admin.email, "admin");
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const pending = page.getByRole("table", { name: "Pending invitations" });
    await expect(pending.getByRole("row").filter({ hasText: admin.email })).toContainText("admin");
    await expect(page.getByText(link)).toHaveCount(0);
    await expectAccessible(page);
    await signOut(page);
  });

  test("the invitee chooses a name and password, joins as admin, and the link is spent", async ({ page }) => {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
    await expect(page.getByText(admin.email)).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Your name").fill(admin.name);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByText("At least 12 characters, with at least one letter and one digit.").last()).toBeVisible();

    await acceptInvitation(page, link, admin.name, admin.password);
    const sidebar = page.getByRole("complementary");
    await expect(sidebar.getByText(admin.email)).toBeVisible();
    await expect(sidebar.getByText("admin", { exact: true })).toBeVisible();
    await signOut(page);

    await page.goto(link);
    await expect(page.getByText("This invitation was already accepted.")).toBeVisible();
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(admin.email, admin.password);
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await signOut(page);
  });

  test("a revoked invitation opens nothing", async ({ page }) => {
    await signInAsOwner(page);
    const revoked = await inviteMember(page, "rex@acme.test", "viewer");
    await page.getByRole("button", { name: "Revoke the invitation of rex@acme.test" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
    await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
    await signOut(page);
    await page.goto(revoked);
    await expect(page.getByText("This invitation was withdrawn.")).toBeVisible();
  });

  test("changing your own password keeps this browser signed in and signs out the others", async ({ browser }) => {
    const here = await signedIn(browser, admin.email, admin.password);
    const elsewhere = await signedIn(browser, admin.email, admin.password);

    await here.page.getByRole("link", { name: "Your account" }).click();
    await expect(here.page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    await expectAccessible(here.page);
    await here.page.getByLabel("Current password").fill("not-my-password-1");
    await here.page.getByLabel("New password").fill(changed);
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("That is not your current password.")).toBeVisible();
    await here.page.getByLabel("Current password").fill(admin.password);
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("Password changed", { exact: true })).toBeVisible();

    await here.page.goto(`/t/${OWNER.tenant}`);
    await expect(here.page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await elsewhere.page.goto(`/t/${OWNER.tenant}`);
    await expect(elsewhere.page).toHaveURL(/\/login/);
    await here.context.close();
    await elsewhere.context.close();
  });

  test("an owner issues a one-time reset link; it sets a new password and signs the member in", async ({ page, browser }) => {
    await signInAsOwner(page);
    await page.goto(`/t/${OWNER.tenant}/settings/members`);
    await expect(page.getByRole("button", { name: `Reset the password of ${OWNER.email}` })).toHaveCount(0);
    await page.getByRole("button", { name: `Reset the password of ${admin.email}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Create reset link" }).click();
    const resetLink = (await page.getByTestId("issued-link").textContent())!.trim();
    expect(resetLink).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Done" }).click();
    await signOut(page);

    const member = await browser.newContext();
    const memberPage = await member.newPage();
    await memberPage.goto(resetLink);
    await expect(memberPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expectAccessible(memberPage);
    await memberPage.getByLabel("New password").fill(reset);
    await memberPage.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(memberPage).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
    await expect(memberPage.getByRole("complementary").getByText(admin.email)).toBeVisible();
    await memberPage.goto(resetLink);
    await expect(memberPage.getByText("This reset link was already used.")).toBeVisible();
    await member.close();

    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(admin.email, changed);
    await new LoginPage(page).expectError("Email or password is incorrect.");
  });

  test("Ctrl+K opens the command palette, which jumps to a page by typing", async ({ page }) => {
    await signInAsOwner(page);
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await expect(palette).toBeVisible();
    await expectAccessible(page);
    await palette.getByRole("combobox").fill("your account");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}/account$`));
    await expect(palette).toBeHidden();

    await page.getByRole("button", { name: /^Search/ }).click();
    await palette.getByRole("combobox").fill("members");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}/settings/members$`));
  });
});
