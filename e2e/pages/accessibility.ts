import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** What a person using a screen reader or keyboard would trip over: serious and critical violations. */
export async function expectAccessible(page: Page) {
  // Next.js streams <title> in after a server action refreshes the page; judge the settled page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}
