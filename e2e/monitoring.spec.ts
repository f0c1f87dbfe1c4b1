import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, signInAsOwner } from "./pages/session";

const NAME = "Box office feed";

// The provider's status endpoint on loopback; the test flips it between answering and failing.
let failing = false;
const provider = loopbackPeer((req, res) => {
  const authorized = req.headers.authorization === "Bearer box-office-token-4242";
  res
    .writeHead(failing ? 503 : authorized ? 200 : 401, { "content-type": "application/json" })
    .end(failing ? '{"error":"maintenance"}' : '{"units":[]}');
});

test("the health page follows a provider going down and coming back, without a reload", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAsOwner(page);
  const key = await createApiKey(page, "Health e2e");
  const auth = { Authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: NAME,
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: provider.url(),
      credentials: { token: "box-office-token-4242" },
      config: { status_endpoint: "/status", polling_interval_seconds: 5, timeout_seconds: 2 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/health$/);
  const row = page.getByTestId("health-row").filter({ hasText: NAME });
  const badge = row.getByTestId("health-status");
  // A marker on window survives only as long as the document does: a reload would drop it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // Adopted within 5 s, first check within one 5 s interval, the page polls every 5 s.
  await expect(badge).toHaveText(/Healthy/, { timeout: 30_000 });
  await expect(row).toContainText("100%");
  await expectAccessible(page);

  failing = true;
  // Three failures in a row at 5 s intervals make it DOWN; the first one already shows DEGRADED.
  await expect(badge).toHaveText(/Down/, { timeout: 40_000 });
  await expect(row).toContainText("The provider answered with an error (503).");

  failing = false;
  await expect(badge).toHaveText(/Healthy/, { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The public API tells the same story; /integrations/health is not taken for an integration id.
  const all = await request.get("/api/v1/integrations/health", { headers: auth });
  expect(all.status()).toBe(200);
  expect((await all.json()).data).toContainEqual(expect.objectContaining({ integration_id: id, status: "HEALTHY" }));
  const one = await request.get(`/api/v1/integrations/${id}/health`, { headers: auth });
  const detail = await one.json();
  expect(detail.transitions.map((t: { from: string; to: string }) => `${t.from}→${t.to}`)).toEqual(
    expect.arrayContaining(["UNKNOWN→HEALTHY", "HEALTHY→DEGRADED", "DEGRADED→DOWN", "DOWN→HEALTHY"]),
  );

  // The integration's health tab: status changes, history, and Check now.
  await row.getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("3 checks in a row failed: The provider answered with an error (503).")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Scheduled" }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText(/Check succeeded in/).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Check now" }).first()).toBeVisible();
  await page.getByRole("tab", { name: "30 days" }).click();
  await expect(page.getByRole("img", { name: /Uptime over the last 30 days: \d/ })).toBeVisible();

  // The dashboard counts it healthy and lists the recent status changes.
  await page.goto("/t/acme");
  await expect(page.getByTestId("health-count-healthy")).not.toHaveText("0");
  await expect(page.getByRole("heading", { name: "Recent status changes" })).toBeVisible();
  await expectAccessible(page);
});
