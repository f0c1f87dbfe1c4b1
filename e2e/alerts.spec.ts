import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, OWNER, signInAsOwner } from "./pages/session";

const NAME = "Ticketing feed";

/** A provider whose status endpoint is down for maintenance. */
const provider = loopbackPeer((_req, res) => {
  res.writeHead(503, { "content-type": "application/json" }).end('{"error":"maintenance"}');
});

/** Slack's incoming webhook as documented: JSON `text` in, 200 "ok" out. */
const slackTexts: string[] = [];
const slack = loopbackPeer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    slackTexts.push((JSON.parse(body) as { text: string }).text);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});

test("an owner adds a Slack channel, an integration going DOWN rings the bell and reaches Slack, and the audit log shows who did what", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  await signInAsOwner(page);
  const base = `/t/${OWNER.tenant}`;

  // Reading the inbox first starts the bell from nothing unread.
  await page.goto(`${base}/notifications`);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible({ timeout: 15_000 });

  await page.goto(`${base}/settings/notifications`);
  await expect(page.getByText("Email is not configured", { exact: true })).toBeVisible();
  await expect(page.getByTestId("channel-in_app")).toContainText("The bell, for every member");
  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("option", { name: /Email \(not configured\)/ })).toBeDisabled();
  await dialog.getByLabel("Kind").selectOption("slack");
  await dialog.getByLabel("Name", { exact: true }).fill("#ops alerts");
  await dialog.getByLabel("Incoming-webhook URL").fill("not a url");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.getByText(/Paste the incoming-webhook URL/)).toBeVisible();
  await dialog.getByLabel("Incoming-webhook URL").fill(`${slack.url()}/services/T000/B000/e2esecretpart`);
  await expect(dialog.getByRole("checkbox", { name: /integration\.health\.changed/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByText("Channel added", { exact: true })).toBeVisible();
  const row = page.getByTestId("channel-slack");
  await expect(row).toContainText("#ops alerts");
  await expect(row).toContainText("••••part");
  await expect(page.getByText("e2esecretpart")).toHaveCount(0);
  await expectAccessible(page);

  await row.getByRole("button", { name: "Send a test to #ops alerts" }).click();
  await expect(page.getByText("Test sent to #ops alerts", { exact: true })).toBeVisible();
  expect(slackTexts.at(-1)).toContain("Test notification");

  // An integration whose provider is down: three failed checks make it DOWN.
  const key = await createApiKey(page, "Alerts e2e");
  const auth = { Authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: NAME,
      provider: "custom_rest",
      auth_type: "none",
      base_url: provider.url(),
      config: { status_endpoint: "/status", polling_interval_seconds: 300, retry_count: 0, timeout_seconds: 2 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (let i = 0; i < 3; i++) {
    const check = await request.post(`/api/v1/integrations/${id}/health/check`, { headers: auth });
    expect(check.status()).toBe(200);
  }

  // The bell updates live on whatever page is open.
  await page.goto(base);
  const bell = page.getByRole("link", { name: /^Notifications, [1-9]\d* unread$/ });
  await expect(bell).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("unread-count")).toHaveText(/^[1-9]\d*$/);
  await expect.poll(() => slackTexts.some((t) => t.includes(`*${NAME} is DOWN*`)), { timeout: 30_000 }).toBe(true);

  await bell.click();
  await expect(page).toHaveURL(new RegExp(`${base}/notifications$`));
  const inbox = page.getByRole("list", { name: "Notifications" });
  await expect(inbox.getByRole("link", { name: `${NAME} is DOWN` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Open incidents" })).toContainText(`${NAME} is DOWN`);
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  await inbox.getByRole("link", { name: `${NAME} is DOWN` }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/integrations/${id}$`));

  // The audit log: the channel the owner made, the integration the API key made.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const filters = page.getByRole("form", { name: "Audit filters" });
  await filters.getByLabel("Action").selectOption("alert_channel.created");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=alert_channel.created/);
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "alert_channel.created" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "alert_channel.created" })).toContainText(OWNER.email);
  await expect(rows.filter({ hasText: "integration.created" })).toHaveCount(0);

  await page.goto(`${base}/audit`);
  await filters.getByLabel("Actor type").selectOption("api_key");
  await filters.getByLabel("Search").fill("Alerts e2e");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/actor_type=api_key/);
  const byKey = rows.filter({ hasText: "integration.created" });
  await expect(byKey).toHaveCount(1);
  await expect(byKey).toContainText("API key");
  await expect(rows.filter({ hasText: "alert_channel.created" })).toHaveCount(0);
  await expectAccessible(page);
  await byKey.getByRole("link", { name: /^integration / }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/integrations/${id}$`));
});
