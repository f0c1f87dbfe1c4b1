import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./pages/accessibility";
import { LoginPage, SetupPage } from "./pages/auth";

const owner = { name: "Ada Owner", email: "ada@acme.test", password: "correct-horse-42" };

/** A subscriber on loopback that answers each delivery with a body naming the request count. */
let subscriber: http.Server;
let subscriberUrl = "";
const received: { id: string; type: string }[] = [];

test.beforeAll(async () => {
  subscriber = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"]), type: JSON.parse(body).type });
      res.writeHead(200, { "content-type": "text/plain" }).end(`thanks for delivery ${received.length}`);
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, "127.0.0.1", resolve));
  subscriberUrl = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/patchbay-hooks`;
});

test.afterAll(async () => {
  subscriber.closeAllConnections();
  await new Promise((resolve) => subscriber.close(resolve));
});

test("an admin adds an endpoint, sends a test event, reads the attempt and resends it", async ({ page }) => {
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    await new SetupPage(page).fill({ tenantName: "Acme Corp", tenantSlug: "acme", ...owner });
    await expect(page).toHaveURL(/\/login\?setup=done/);
  }
  await new LoginPage(page).signIn(owner.email, owner.password);
  await expect(page).toHaveURL(/\/t\/acme$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint URL").fill("ftp://nope");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("The URL must start with http:// or https://.")).toBeVisible();
  await dialog.getByLabel("Endpoint URL").fill(subscriberUrl);
  await dialog.getByLabel("Description (optional)").fill("Local ERP");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Done" }).click();

  await expect(page).toHaveURL(/\/t\/acme\/webhooks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: subscriberUrl, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event queued", { exact: true })).toBeVisible();

  // The delivery happens in the background; the list shows it once the worker has sent it.
  const row = page.getByRole("row").filter({ hasText: "webhook.test" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText("succeeded")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  expect(received).toEqual([{ id: expect.stringMatching(/^msg_/), type: "webhook.test" }]);
  await expect(page.getByTestId("success-rate")).toHaveText("100%");

  await row.getByRole("link", { name: "webhook.test" }).click();
  const attempts = page.getByTestId("attempt-row");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText("200");
  await expect(attempts.first()).toContainText("thanks for delivery 1");
  await expect(page.getByText(`webhook-id ${received[0]!.id}`)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Resend queued", { exact: true })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(attempts).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(attempts.nth(1)).toContainText("thanks for delivery 2");
  expect(received.map((r) => r.id)).toEqual([received[0]!.id, received[0]!.id]);

  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("Nothing matches these filters.")).toBeVisible();
  await expectAccessible(page);
});
