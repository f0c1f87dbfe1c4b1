import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, signInAsOwner } from "./pages/session";

/** A subscriber on loopback that answers each delivery with a body naming the request count. */
const received: { id: string; type: string }[] = [];
const subscriber = loopbackPeer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ id: String(req.headers["webhook-id"]), type: JSON.parse(body).type });
    res.writeHead(200, { "content-type": "text/plain" }).end(`thanks for delivery ${received.length}`);
  });
});

test("an admin adds an endpoint, sends a test event, reads the attempt and resends it", async ({ page }) => {
  // Two background deliveries happen in this story, each waited for.
  test.setTimeout(120_000);
  await signInAsOwner(page);
  const subscriberUrl = `${subscriber.url()}/patchbay-hooks`;

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
  // One subscribed type: the other specs' integrations keep changing health on this server, and an
  // all-events endpoint would receive those too. Test events go to the endpoint whatever it subscribes to.
  await dialog.getByRole("checkbox", { name: /^api_key\.revoked/ }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Done" }).click();

  await expect(page).toHaveURL(/\/t\/acme\/webhooks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: subscriberUrl, level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByLabel("Endpoint URL")).toHaveValue(subscriberUrl);
  await edit.getByLabel("Description (optional)").fill("Local ERP (orders)");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Endpoint saved", { exact: true })).toBeVisible();
  await expect(page.getByText("Local ERP (orders)")).toBeVisible();
  await expect(page.getByText("enabled", { exact: true })).toBeVisible();
  await expect(page.getByText("api_key.revoked", { exact: true })).toBeVisible();

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

  const missing = await page.goto("/t/acme/webhooks/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Endpoint not found", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "All endpoints" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
});

test("a receiver URL keeps the genuine GitHub delivery once and shows why a forged one was refused", async ({ page, request }) => {
  await signInAsOwner(page);
  const key = await createApiKey(page, "Receiver set-up");
  const auth = { Authorization: `Bearer ${key}` };

  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: { name: "GitHub repo", provider: "custom_rest", auth_type: "none", base_url: "https://api.github.com" },
  });
  expect(integration.status()).toBe(201);
  const { id } = await integration.json();
  const secret = "gh-hook-secret-e2e";
  const receiver = await request.post(`/api/v1/integrations/${id}/receivers`, { headers: auth, data: { scheme: "github", secret } });
  expect(receiver.status()).toBe(201);
  const { url } = await receiver.json();

  // GitHub's scheme; the vitest suite signs with @octokit/webhooks-methods, which is ESM-only and Playwright loads specs as CommonJS.
  const sign = async (key: string, text: string) => `sha256=${createHmac("sha256", key).update(text).digest("hex")}`;
  const body = JSON.stringify({ ref: "refs/heads/main", commits: [{ id: "abc123" }] });
  const deliver = async (signature: string) =>
    (
      await request.post(url, {
        data: body,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signature,
          "x-github-event": "push",
          "x-github-delivery": "e2e-delivery-1",
        },
      })
    ).status();
  expect(await deliver(await sign(secret, body))).toBe(200);
  expect(await deliver(await sign(secret, body))).toBe(200);
  expect(await deliver(await sign("not-the-secret", body))).toBe(401);

  await page.goto(`/t/acme/integrations/${id}/webhooks`);
  await expect(page.getByTestId("receiver-url")).toHaveText(url);
  await expect(page.getByRole("button", { name: "Copy URL" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Rejected requests" })).toContainText("1 Signature does not match");
  const events = page.getByRole("listitem").filter({ hasText: "e2e-delivery-1" });
  await expect(events).toHaveCount(1);
  await expect(events).toContainText("push");
  await expect(events).toContainText("verified");
  await events.getByText("Payload").click();
  await expect(events.getByText('"refs/heads/main"')).toBeVisible();
  await expectAccessible(page);
});

const secured: { method: string; authorization: string | undefined }[] = [];
const securedSubscriber = loopbackPeer((req, res) => {
  req.resume();
  req.on("end", () => {
    secured.push({ method: String(req.method), authorization: req.headers.authorization });
    res.writeHead(204).end();
  });
});

test("an endpoint with a bearer token and PUT gets both, the attempt shows the token redacted, and the statistics count it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsOwner(page);
  const url = `${securedSubscriber.url()}/secured-hooks`;
  const token = "e2e-bearer-token-0123456789";
  await page.goto("/t/acme/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint URL").fill(url);
  await dialog.getByRole("checkbox", { name: /^api_key\.revoked/ }).check();
  await dialog.getByLabel("HTTP method").selectOption("PUT");
  await dialog.getByLabel("Authentication").selectOption("bearer");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("Enter the bearer token.")).toBeVisible();
  await dialog.getByLabel("Bearer token").fill(token);
  await dialog.getByLabel("Max retries (optional)").fill("99");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("At most 20.")).toBeVisible();
  await dialog.getByLabel("Max retries (optional)").fill("2");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await dialog.getByRole("button", { name: "Done" }).click();

  await expect(page.getByText("PUT · auth bearer (••••6789) · 2 retries")).toBeVisible();
  await page.getByRole("button", { name: "Send test event" }).click();
  const row = page.getByRole("row").filter({ hasText: "webhook.test" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText("succeeded")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  expect(secured).toEqual([{ method: "PUT", authorization: `Bearer ${token}` }]);
  await expect(page.getByTestId("delivery-stats")).toContainText(/Deliveries\s*1\s*Succeeded\s*1\s*Failed\s*0/);
  await expect(page.getByTestId("delivery-chart")).toContainText("Last 7 days: 1 attempts succeeded, 0 failed.");

  await row.getByRole("link", { name: "webhook.test" }).click();
  await page.getByText("Request headers of attempt 1").click();
  await expect(page.getByTestId("attempt-headers")).toContainText("authorization: Bearer [redacted]");
  await expect(page.locator("body")).not.toContainText(token);
  await expectAccessible(page);
});
