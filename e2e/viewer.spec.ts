import { expect, test } from "@playwright/test";
import { expectAccessible } from "./pages/accessibility";
import { LoginPage, signOut } from "./pages/auth";
import { createApiKey, OWNER, signInAsOwner } from "./pages/session";

// The viewer foundation.spec.ts adds; the specs run in name order on one server.
const viewer = { email: "val@acme.test", password: "viewer-pass-1234" };
const TOKEN = "payroll-token-12345678";

test("a viewer reads an integration's pages and is offered no way to change it", async ({ page, request }) => {
  await signInAsOwner(page);
  const auth = { Authorization: `Bearer ${await createApiKey(page, "Viewer e2e")}` };
  const created = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: "Payroll export",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://payroll.example.com",
      credentials: { token: TOKEN },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await signOut(page);

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(viewer.email, viewer.password);
  await expect(page).toHaveURL(new RegExp(`/t/${OWNER.tenant}$`));
  const list = `/t/${OWNER.tenant}/integrations`;
  await page.goto(list);
  await expect(page.getByRole("link", { name: "Payroll export" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add integration" })).toHaveCount(0);

  await page.getByRole("link", { name: "Payroll export" }).click();
  await expect(page.getByRole("heading", { name: "Payroll export", level: 1 })).toBeVisible();
  for (const name of ["Disable", "Delete", "Test connection"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(`${list}/${id}/settings`);
  await expect(page.getByLabel("Base URL")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);

  await page.goto(`${list}/${id}/credentials`);
  await expect(page.getByText("You have viewer access: an admin can replace the credentials.")).toBeVisible();
  await expect(page.getByTestId("credentials-hint")).toContainText(TOKEN.slice(-4));
  await expect(page.getByText(TOKEN)).toHaveCount(0);

  await page.goto(`${list}/${id}/health`);
  await expect(page.getByText("Not monitored: there is no status endpoint to check.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Check now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save rules" })).toHaveCount(0);

  await page.goto(`${list}/new`);
  await expect(page.getByText("You have viewer access: an admin can add integrations.")).toBeVisible();
  await signOut(page);

  expect((await request.delete(`/api/v1/integrations/${id}`, { headers: auth })).status()).toBe(204);
});
