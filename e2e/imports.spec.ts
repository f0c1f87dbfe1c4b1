import { readFile, writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signInAsOwner } from "./pages/session";

test("an admin downloads the integrations template, fills it, uploads, maps, dry-runs, imports and sees the rows; then exports them", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAsOwner(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
  const template = await readFile(await download.path());
  const [header, notes] = template
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(notes).toMatch(/^# required/);
  const columns = header!.split(",");
  const row = (values: Record<string, string>) => columns.map((c) => values[c] ?? "").join(",");
  const filled = [
    header,
    notes,
    row({
      name: "E2E Site Lyon",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://lyon.e2e.example.com",
      token: "e2e-token-lyon-123456",
    }),
    row({ name: "E2E Site Nice", provider: "custom_rest", auth_type: "none", base_url: "https://nice.e2e.example.com" }),
    row({ name: "E2E Site Broken", provider: "custom_rest", auth_type: "none", base_url: "ftp://broken" }),
  ].join("\r\n");
  const file = testInfo.outputPath("sites.csv");
  await writeFile(file, filled);

  await page.getByLabel("File to import").setInputFiles(file);
  await expect(page.getByText(/detected/)).toContainText("3 rows");
  await expect(page.getByLabel("Name *")).toHaveValue("name");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-counts")).toHaveText(/2 to create, 0 to update, 0 unchanged, 0 in conflict, 1 with errors/);
  await expect(page.getByRole("table", { name: "Errors" })).toContainText("ftp://broken");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByText("Imported: 2 created")).toBeVisible({ timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("link", { name: "E2E Site Lyon" })).toBeVisible();
  await expect(page.getByRole("link", { name: "E2E Site Nice" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
  await page.getByLabel("q").fill("E2E Site");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const link = page.getByRole("link", { name: /^integrations-.*\.csv$/ }).first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  const [exported] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const text = (await readFile(await exported.path())).toString("utf8");
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(text).toContain("E2E Site Lyon");
  expect(text).toContain("E2E Site Nice");
  expect(text).not.toContain("e2e-token-lyon-123456");
});
