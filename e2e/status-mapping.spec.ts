import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, signInAsOwner } from "./pages/session";

const NAME = "Unit status feed";
const TOKEN = "unit-feed-token-7319";

// A unit feed on loopback; `refusing` makes it answer 401 with an error body, as a revoked token would.
let refusing = false;
const provider = loopbackPeer((req, res) => {
  if (refusing || req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"status":"Unauthorized"}}');
    return;
  }
  const units = ["Open", "Open", "Sold", "Pending", "Closed", "Blocked"].map((status, i) => ({ id: `U-${i}`, status }));
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ units }));
});

test("the status mapping shows where it applies, merges per status and previews the last test live", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signInAsOwner(page);
  const key = await createApiKey(page, "Status mapping e2e");
  const created = await request.post("/api/v1/integrations", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      name: NAME,
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: provider.url(),
      credentials: { token: TOKEN },
      config: { status_endpoint: "/units", status_path: "$.units[*].status", retry_count: 0 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const detail = `/t/acme/integrations/${id}`;

  // Stripe offers no inventory statuses: its form keeps them folded away.
  await page.goto("/t/acme/integrations/new?provider=stripe");
  await expect(page.getByLabel("Status JSON path (optional)")).toBeHidden();
  await expect(page.getByText("Inventory statuses (optional)")).toBeVisible();

  await page.goto(detail);
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("test-result");
  await expect(result.getByText("Connected: HTTP 200")).toBeVisible();
  await expect(result.getByText("Available: 2")).toBeVisible();
  await expect(result.getByText("Sold: 1")).toBeVisible();
  await expect(result.getByText("Hold: 1")).toBeVisible();
  await expect(result.getByText("Values no rule maps")).toBeVisible();
  await expectAccessible(page);

  // Filling Sold replaces only Sold's spellings: the preview follows each keystroke, and Available and Hold keep theirs.
  await result.getByLabel("Sold", { exact: true }).fill("Sold, Closed");
  await expect(result.getByText("Sold: 2")).toBeVisible();
  await expect(result.getByText("Available: 2")).toBeVisible();
  await expect(result.getByText("Hold: 1")).toBeVisible();
  await expect(result.locator("#status-mapping-hold-effective")).toHaveText(
    /Maps Hold, HOLD, OnHold, ON_HOLD, on_hold, Pending \(the usual spellings\)/,
  );
  await expect(result.locator("#status-mapping-sold-effective")).toHaveText("Maps Sold, Closed (your list).");

  // An unmapped value is added to a status from the preview; the status's usual spellings stay.
  await result.getByLabel("Value", { exact: true }).selectOption("Blocked");
  await result.getByLabel("Maps to").selectOption("unavailable");
  await result.getByRole("button", { name: "Add to the mapping" }).click();
  await expect(result.getByText("Unavailable: 1")).toBeVisible();
  await expect(result.getByText("Every value found maps to a status.")).toBeVisible();
  await expect(result.getByLabel("Unavailable", { exact: true })).toHaveValue("Unavailable, UNAVAILABLE, unavailable, NotForSale, Blocked");
  await result.getByRole("button", { name: "Save status mapping" }).click();
  await expect(result.getByText("Status mapping saved.")).toBeVisible();

  // The settings show the saved lists and, for the others, what they still map.
  await page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Sold", { exact: true })).toHaveValue("Sold, Closed");
  await expect(page.locator("#status-effective-available")).toHaveText(
    "Maps Available, AVAILABLE, available, Open, OPEN (the usual spellings).",
  );
  await page.getByLabel("Available", { exact: true }).fill("Vacant");
  await expect(page.locator("#status-effective-available")).toHaveText("Maps Vacant (your list).");
  await expectAccessible(page);

  // A 401 error body is not a status feed: the result says the test failed instead of previewing a mapping.
  refusing = true;
  await page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(result.getByText("Failed: HTTP 401")).toBeVisible();
  await expect(result.getByText(/No status mapping preview: the test failed/)).toBeVisible();
  await expect(result.getByText("Every value found maps to a status.")).toHaveCount(0);
  await expect(result.getByText(/Available: \d/)).toHaveCount(0);
});
