import { expect, test } from "@playwright/test";
import { expectAccessible } from "./pages/accessibility";
import { LoginPage, SetupPage, signOut } from "./pages/auth";
import { acceptInvitation, inviteMember } from "./pages/session";

const owner = { name: "Ada Owner", email: "ada@acme.test", password: "correct-horse-42" };
const viewer = { name: "Val Viewer", email: "val@acme.test", password: "viewer-pass-1234" };

test.describe.serial("a new Patchbay, from first visit to a second member", () => {
  test("first visit leads to setup, which explains its rules and creates the organisation", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Set up Patchbay" })).toBeVisible();
    await expectAccessible(page);

    const setup = new SetupPage(page);
    await setup.fill({ tenantName: "Acme Corp", name: owner.name, email: owner.email, password: "short" });
    await expect(page.getByText("At least 12 characters, with at least one letter and one digit.").last()).toBeVisible();
    await expect(page.getByLabel("URL name")).toHaveValue("acme-corp");
    await expect(page).toHaveURL(/\/setup$/);

    await setup.fill({ tenantName: "Acme Corp", tenantSlug: "acme", name: owner.name, email: owner.email, password: owner.password });
    // Signed in with the password just chosen, and the empty dashboard says what to do first.
    await expect(page).toHaveURL(/\/t\/acme$/);
    await expect(page.getByRole("link", { name: "Add integration" })).toBeVisible();
    await expect(page.getByTestId("recent-activity")).toContainText("set up the organisation");
  });

  test("setup is gone once a user exists, and a signed-out deep link returns after sign-in", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/t/acme/settings/members");
    await expect(page).toHaveURL(/\/login\?next=%2Ft%2Facme%2Fsettings%2Fmembers$/);
    await new LoginPage(page).signIn(owner.email, owner.password);
    await expect(page).toHaveURL(/\/t\/acme\/settings\/members$/);
    await signOut(page);
  });

  test("a wrong password gets one calm error", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await expectAccessible(page);
    await login.signIn(owner.email, "not-the-password-1");
    await login.expectError("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("the owner signs in to the shell and invites a viewer, who joins through the link", async ({ page, browser }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(owner.email, owner.password);
    await expect(page).toHaveURL(/\/t\/acme$/);
    await expect(page.getByRole("heading", { name: "Acme Corp", level: 1 })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    const sidebar = page.getByRole("complementary");
    await expect(sidebar.getByText(owner.email)).toBeVisible();
    await expect(sidebar.getByText("owner", { exact: true })).toBeVisible();
    await expectAccessible(page);

    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/t\/acme\/settings\/members$/);
    await expectAccessible(page);
    const link = await inviteMember(page, viewer.email, "viewer");
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(viewer.email);
    await expectAccessible(page);

    // The viewer opens the link in their own browser, chooses a name and password, and is signed in.
    const invitee = await browser.newContext();
    const inviteePage = await invitee.newPage();
    await inviteePage.goto(link);
    await expect(inviteePage.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
    await expectAccessible(inviteePage);
    await acceptInvitation(inviteePage, link, viewer.name, viewer.password);
    await invitee.close();

    await page.reload();
    const row = page.getByRole("row").filter({ hasText: viewer.email });
    await expect(row).toBeVisible();
    await expect(row.getByLabel(`Role of ${viewer.email}`)).toHaveValue("viewer");
    await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);

    // The last owner cannot demote themselves: the change is refused and the select snaps back.
    const ownRole = page.getByLabel(`Role of ${owner.email}`);
    await ownRole.selectOption("admin");
    await expect(page.getByText("An organisation needs at least one owner.").first()).toBeVisible();
    await expect(ownRole).toHaveValue("owner");

    await signOut(page);
  });

  test("an API key is shown once, authenticates /api/v1/me, rotates with a grace period, and stops when revoked", async ({
    page,
    request,
  }) => {
    // A long story that ends with axe over the whole Swagger UI, which alone takes seconds on a busy 2-core machine.
    test.slow();
    const me = (key: string) => request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(owner.email, owner.password);
    await expect(page).toHaveURL(/\/t\/acme$/);
    await page.goto("/t/acme/settings/api-keys");
    await expect(page.getByText("No API keys yet")).toBeVisible();
    await page.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Deploy pipeline");
    await dialog.getByLabel("Allowed IP addresses (optional)").fill("not-an-ip");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByText("Not an IP address or CIDR: not-an-ip")).toBeVisible();
    await dialog.getByLabel("Allowed IP addresses (optional)").fill("");
    await dialog.getByRole("checkbox", { name: /integrations:write/ }).check();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^pb_live_[0-9A-Za-z]{38}$/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Done" }).click();

    const row = page.getByRole("row").filter({ hasText: key.slice(0, 16) });
    await expect(row).toContainText("integrations:write");
    await expect(row.getByText("active")).toBeVisible();
    await expect(page.getByText(key)).toHaveCount(0);

    const first = await me(key);
    expect(first.status()).toBe(200);
    expect(first.headers()["ratelimit-limit"]).toBe("600");
    expect(await first.json()).toMatchObject({ tenant: { slug: "acme", name: "Acme Corp" }, api_key: { name: "Deploy pipeline" } });

    // Revoke stays in view at a laptop width: the table fits its card.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(row.getByRole("button", { name: "Revoke Deploy pipeline" })).toBeInViewport();

    // The key's own page: its usage over the week, where it was last used from, and its settings.
    await row.getByRole("link", { name: "Deploy pipeline" }).click();
    await expect(page).toHaveURL(/\/settings\/api-keys\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
    await expect(page.getByRole("img", { name: /requests in the last 7 days/ })).toBeVisible();
    await expect(page.getByText("Last used from")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Requests per minute").fill("0");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("At least 1.")).toBeVisible();
    await page.getByLabel("Requests per minute").fill("600");
    await page.getByLabel("Notes").fill("Deploys from CI; ask the platform team.");
    await page.getByRole("checkbox", { name: /integrations:write/ }).uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("API key saved").first()).toBeVisible();
    await expect(page.getByText("Deploys from CI; ask the platform team.").first()).toBeVisible();
    expect((await me(key)).status()).toBe(200);
    await page.getByRole("link", { name: "← All API keys" }).click();
    await expect(row).not.toContainText("integrations:write");

    await row.getByRole("button", { name: "Rotate Deploy pipeline" }).click();
    await page.getByLabel("Keep the old key working for (hours)").fill("1");
    await page.getByRole("button", { name: "Rotate key" }).click();
    const rotated = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(rotated).not.toBe(key);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(row.getByText("rotating")).toBeVisible();
    // The two rows of a rotation are told apart by name, not only by a badge.
    await expect(row.getByRole("link", { name: /^Deploy pipeline \(old, valid until .+ UTC\)$/ })).toBeVisible();
    expect((await me(key)).status()).toBe(200);
    expect((await me(rotated)).status()).toBe(200);

    await row.getByRole("button", { name: "Revoke Deploy pipeline" }).click();
    await page.getByRole("button", { name: "Revoke key" }).click();
    await expect(row.getByText("revoked")).toBeVisible();
    expect((await me(key)).status()).toBe(401);
    expect((await me(rotated)).status()).toBe(200);
    await signOut(page);

    // The API reference tries a call with the key a reader pastes.
    await page.goto("/docs");
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    // Swagger UI renders the document in the browser after a large script loads, slower than a page.
    await expect(page.getByText("Patchbay API").first()).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page);
    await page.getByRole("button", { name: "Authorize" }).first().click();
    // The first scheme is the API key; the OAuth2 flows follow it.
    const keyScheme = page.locator(".auth-container").filter({ hasText: "apiKey" });
    await keyScheme.locator("input").fill(rotated);
    await keyScheme.getByRole("button", { name: "Apply credentials" }).click();
    await page.locator(".auth-btn-wrapper").first().getByRole("button", { name: "Close" }).click();
    const getMe = page.locator("#operations-Account-getMe");
    await getMe.locator(".opblock-summary-control").click();
    // Scoped to GET /me: other operations (POST /import/execute) have "Execute" in their names.
    await getMe.getByRole("button", { name: "Try it out" }).click();
    await getMe.getByRole("button", { name: "Execute", exact: true }).click();
    const live = page.locator(".live-responses-table");
    await expect(live.locator("tbody .response-col_status").first()).toHaveText("200");
    await expect(live).toContainText("Acme Corp");
  });

  test("the viewer signs in and sees the viewer's view, and another tenant is a 404", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(viewer.email, viewer.password);
    await expect(page).toHaveURL(/\/t\/acme$/);
    await expect(page.getByRole("complementary").getByText("viewer", { exact: true })).toBeVisible();

    await page.goto("/t/acme/settings/members");
    await expect(page.getByText("You have viewer access")).toBeVisible();
    await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await expectAccessible(page);

    const response = await page.goto("/t/globex");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectAccessible(page);
  });
});

test("the API bench's unguarded baseline route is not in the build Patchbay runs", async ({ request }) => {
  // next.config.ts mounts *.bench.ts routes only in the bench's own build; mounted here, the
  // route would answer (or fail with a 500) instead of Next's 404.
  const response = await request.get("/api/bench/integrations/00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(404);
});
