import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const base = "http://127.0.0.1:3300";
await page.goto(base + "/login");
await page.getByLabel("Email").fill("ada@acme.test");
await page.getByLabel("Password").fill("correct-horse-42");
await page.getByRole("button", { name: /sign in/i }).click();
await page.waitForURL(/\/t\/acme$/);
for (const name of process.argv.slice(2)) {
  const [integration, tab] = name.split(":");
  await page.goto(base + "/t/acme/integrations");
  await page.getByRole("link", { name: integration, exact: true }).click();
  await page.waitForURL(/integrations\/[0-9a-f-]{36}$/);
  if (tab) await page.goto(page.url() + "/" + tab);
  await page.waitForTimeout(1500);
  const file = `/tmp/shots/${name.replace(/[^a-z0-9]+/gi, "_")}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await browser.close();
