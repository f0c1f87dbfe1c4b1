import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { createApiKey, OWNER, signInAsOwner } from "./pages/session";

// A box-office API serving units in pages of two, with the usual status spellings and one no rule maps.
const UNITS = [
  { id: "u-1", code: "A-101", status: "Available", price: "245000" },
  { id: "u-2", code: "A-102", status: "SOLD", price: "251000" },
  { id: "u-3", code: "A-103", status: "OnHold", price: "260000" },
  { id: "u-4", code: "A-104", status: "Weird", price: "270000" },
];
const provider = loopbackPeer((req, res) => {
  const url = new URL(req.url ?? "/", "http://peer");
  if (url.pathname !== "/v1/units") return void res.writeHead(404).end();
  const page = Number(url.searchParams.get("page") ?? "1");
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: UNITS.slice((page - 1) * 2, page * 2) }));
});

test("an admin maps a Custom REST stream of units with the status mapping, previews it, runs it and opens the records", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signInAsOwner(page);
  const key = await createApiKey(page, "Sync e2e");
  const created = await request.post("/api/v1/integrations", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      name: "Box office",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: provider.url(),
      credentials: { token: "box-office-token-4242" },
      config: {},
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/t/${OWNER.tenant}/settings/data-model`);
  await page.getByLabel("Template").selectOption("unit");
  await page.getByRole("button", { name: "Create entity" }).click();
  await expect(page.getByRole("cell", { name: /status \(enum, required\)/ })).toBeVisible();

  await page.goto(`/t/${OWNER.tenant}/integrations/${id}/sync`);
  await expect(page.getByText("No streams yet")).toBeVisible();
  await page.getByRole("link", { name: "Add stream" }).click();
  await page.locator("#stream-name").fill("Units");
  await page.locator("#stream-path").fill("/v1/units");
  await page.locator("#stream-pagination").selectOption("page");
  await page.getByRole("button", { name: "Fetch sample" }).click();
  await expect(page.getByText("2 sample records.")).toBeVisible();
  // The suggested mapping carries the status mapping: SOLD on the first page maps to sold.
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByText("sold", { exact: true }).first()).toBeVisible();
  await page.getByLabel("Pasted response").fill(JSON.stringify({ data: UNITS }));
  await page.getByRole("button", { name: "Use pasted sample" }).click();
  await expect(preview.getByRole("heading", { name: "Rejected" })).toBeVisible();
  await page.getByRole("button", { name: "Create stream" }).click();

  await expect(page).toHaveURL(new RegExp(`/integrations/${id}/sync$`));
  await page.getByRole("button", { name: "Run now" }).click();
  // The run goes from queued to done without a reload; one record's status is not mapped.
  const runs = page.getByRole("list").filter({ hasText: "run ·" });
  await expect(runs.getByText("4 records")).toBeVisible({ timeout: 120_000 });
  await expect(runs.getByText("Partial")).toBeVisible();
  await runs.getByRole("link", { name: /full run/ }).click();
  await expect(page.getByRole("cell", { name: "u-4" })).toBeVisible();
  await expect(page.getByText(/GET .*\/v1\/units\?page=1/)).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await page.getByRole("link", { name: "Unit" }).click();
  await expect(page.getByRole("link", { name: "u-1" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "hold" })).toBeVisible();
  await page.getByRole("link", { name: "u-2" }).click();
  await expect(page.getByText('"status": "sold"')).toBeVisible();
});
