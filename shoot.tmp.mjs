import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const base = "http://127.0.0.1:3300";
await page.goto(base + "/login");
await page.getByLabel("Email").fill("ada@acme.test");
await page.getByLabel("Password").fill("correct-horse-42");
await page.getByRole("button", { name: /sign in/i }).click();
await page.waitForURL(/\/t\/acme$/);
const shots = process.argv.slice(2);
for (const path of shots) {
  await page.goto(base + path);
  await page.waitForTimeout(1200);
  const name = path.replace(/[^a-z0-9]+/gi, "_").slice(0, 80);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name);
}
await browser.close();
