import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { createApiKey, signInAsOwner } from "./pages/session";

// Each change below is made behind the page's back (the public API, a peer that starts failing);
// the page shows it without a reload. A marker on window survives only as long as the document does.
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}
const LIVE = { timeout: 30_000 };

let providerFailing = false;
const provider = loopbackPeer((req, res) => {
  res
    .writeHead(providerFailing ? 503 : 200, { "content-type": "application/json" })
    .end(providerFailing ? '{"error":"maintenance"}' : "{}");
});

let subscriberFailing = true;
const subscriber = loopbackPeer((req, res) => {
  req.resume();
  req.on("end", () =>
    res.writeHead(subscriberFailing ? 500 : 200, { "content-type": "text/plain" }).end(subscriberFailing ? "down" : "ok"),
  );
});

// Each test makes its own key: a failed test restarts the worker, and module state with it.
async function liveKey(page: Page, name: string) {
  return { Authorization: `Bearer ${await createApiKey(page, name, ["integrations:write", "webhooks:write", "api_keys:write"])}` };
}

test("an integration's header, request log, health and received events follow changes made elsewhere", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAsOwner(page);
  const auth = await liveKey(page, "Live integration e2e");
  const created = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: "Live feed",
      provider: "custom_rest",
      auth_type: "none",
      base_url: provider.url(),
      config: { status_endpoint: "/status", polling_interval_seconds: 5, timeout_seconds: 2 },
    },
  });
  expect(created.status()).toBe(201);
  const integrationId: string = (await created.json()).id;

  await page.goto(`/t/acme/integrations/${integrationId}/request-log`);
  await markDocument(page);
  const header = page.getByTestId("integration-header");
  await expect(header.getByTestId("connection-status")).toHaveText(/Not yet connected/);
  expect((await request.post(`/api/v1/integrations/${integrationId}/test`, { headers: auth })).status()).toBe(200);
  await expect(header.getByTestId("connection-status")).toHaveText(/Connected/, LIVE);
  await expect(page.getByRole("row").filter({ hasText: "Tests" }).first()).toBeVisible(LIVE);

  await page.getByRole("link", { name: "Health", exact: true }).last().click();
  await expect(header.getByTestId("health-status")).toHaveText(/Healthy/, LIVE);
  providerFailing = true;
  // The header badge, the Status card and Check history all see the failures.
  await expect(header.getByTestId("health-status")).toHaveText(/Down/, { timeout: 60_000 });
  await expect(page.getByTestId("current-health")).toHaveText(/Down/, LIVE);
  await expect(page.getByRole("cell", { name: "failure" }).first()).toBeVisible(LIVE);
  providerFailing = false;

  const patched = await request.patch(`/api/v1/integrations/${integrationId}`, { headers: auth, data: { status: "disabled" } });
  expect(patched.status()).toBe(200);
  await expect(header.getByText("Disabled", { exact: true })).toBeVisible(LIVE);

  const secret = "live-hook-secret";
  const receiver = await request.post(`/api/v1/integrations/${integrationId}/receivers`, {
    headers: auth,
    data: { scheme: "github", secret },
  });
  expect(receiver.status()).toBe(201);
  const { url } = await receiver.json();
  await page.getByRole("link", { name: "Webhooks", exact: true }).last().click();
  await expect(page.getByText("Nothing received yet")).toBeVisible();
  const body = JSON.stringify({ zen: "Live is better than reload." });
  const posted = await request.post(url, {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
      "x-github-event": "ping",
      "x-github-delivery": "live-delivery-1",
    },
  });
  expect(posted.status()).toBe(200);
  await expect(page.getByRole("listitem").filter({ hasText: "live-delivery-1" })).toBeVisible(LIVE);
  await expectSameDocument(page);
});

test("a webhook endpoint's deliveries and a delivery's detail follow the worker, Resend included", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAsOwner(page);
  const auth = await liveKey(page, "Live webhooks e2e");
  const created = await request.post("/api/v1/webhooks", {
    headers: auth,
    data: { url: `${subscriber.url()}/live`, events: ["api_key.revoked"], retry_policy: { enabled: false } },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await page.goto(`/t/acme/webhooks/${id}`);
  await markDocument(page);
  await expect(page.getByRole("row").filter({ hasText: "webhook.test" })).toHaveCount(0);
  expect((await request.post(`/api/v1/webhooks/${id}/test`, { headers: auth })).status()).toBeLessThan(300);
  const row = page.getByRole("row").filter({ hasText: "webhook.test" });
  await expect(row.getByText("failed")).toBeVisible(LIVE);

  await row.getByRole("link", { name: "webhook.test" }).click();
  const attempts = page.getByTestId("attempt-row");
  await expect(attempts).toHaveCount(1);
  subscriberFailing = false;
  await page.getByRole("button", { name: "Resend" }).click();
  await expect(attempts).toHaveCount(2, LIVE);
  await expect(page.getByTestId("delivery-detail-status")).toHaveText(/succeeded/, LIVE);
  await expect(row.getByText("succeeded")).toBeVisible(LIVE);
  await expectSameDocument(page);
});

test("the dashboard's counters and recent activity follow changes made through the API", async ({ page, request }) => {
  await signInAsOwner(page);
  const auth = await liveKey(page, "Live dashboard e2e");
  await page.goto("/t/acme");
  const keys = page.getByTestId("active-api-keys");
  const before = Number(await keys.textContent());
  await markDocument(page);
  const created = await request.post("/api/v1/api-keys", {
    headers: auth,
    data: { name: "Made behind the page", scopes: ["webhooks:read"] },
  });
  expect(created.status()).toBe(201);
  await expect(keys).toHaveText(String(before + 1), LIVE);
  await expect(page.getByTestId("recent-activity")).toContainText("Made behind the page", LIVE);
  await expectSameDocument(page);
});
