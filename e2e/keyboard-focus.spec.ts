import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, OWNER, signInAsOwner } from "./pages/session";

type Ring = { label: string; visible: boolean; style: string; width: number; contrast: number };

/**
 * Focuses each primary button on the page from the keyboard's point of view and reads the ring
 * it gets: a solid outline at least 2 px wide whose colour stands 3:1 from what is behind it.
 */
async function primaryButtonRings(page: Page): Promise<Ring[]> {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? ["0", "0", "0"]).slice(0, 3).map(Number);
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    // The colour the outline is drawn over: the nearest ancestor with a background of its own.
    const backdrop = (el: Element) => {
      for (let at: Element | null = el.parentElement; at; at = at.parentElement) {
        const bg = getComputedStyle(at).backgroundColor;
        if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0")) return bg;
      }
      return getComputedStyle(document.body).backgroundColor;
    };
    const buttons = [...document.querySelectorAll<HTMLElement>("[data-variant=primary]")].filter((b) => b.offsetParent !== null);
    return buttons.map((button) => {
      button.focus();
      // Buttons fade their colours (outline included): read the ring as it settles, not its first frame.
      for (const animation of button.getAnimations()) animation.finish();
      const style = getComputedStyle(button);
      return {
        label: button.textContent?.trim() ?? "",
        visible: button.matches(":focus-visible"),
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: contrast(style.outlineColor, backdrop(button)),
      };
    });
  });
}

test("every primary button shows a clear focus ring, and Test connection keeps focus", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAsOwner(page);
  const auth = { Authorization: `Bearer ${await createApiKey(page, "Focus e2e")}` };
  const created = await request.post("/api/v1/integrations", {
    headers: auth,
    data: { name: "Focus feed", provider: "custom_rest", auth_type: "none", base_url: "https://erp.example.test" },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const base = `/t/${OWNER.tenant}`;

  const pages = [
    base,
    `${base}/integrations`,
    `${base}/integrations/new?provider=custom_rest`,
    `${base}/integrations/${id}`,
    `${base}/webhooks`,
    `${base}/settings/api-keys`,
    `${base}/settings/members`,
    `${base}/account`,
  ];
  let checked = 0;
  for (const path of pages) {
    await page.goto(path);
    const rings = await primaryButtonRings(page);
    for (const ring of rings) {
      expect(ring, `${ring.label} on ${path}`).toMatchObject({ visible: true, style: "solid" });
      expect(ring.width, `${ring.label} on ${path}`).toBeGreaterThanOrEqual(2);
      expect(ring.contrast, `${ring.label} on ${path}`).toBeGreaterThanOrEqual(3);
    }
    checked += rings.length;
    await expectAccessible(page);
  }
  expect(checked).toBeGreaterThanOrEqual(5);

  // Started from the keyboard, the test runs and reports, and focus is still on its button.
  await page.goto(`${base}/integrations/${id}`);
  const test_ = page.getByRole("button", { name: "Test connection" });
  await test_.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("There is no endpoint to call")).toBeVisible();
  await expect(test_).toBeFocused();
});
