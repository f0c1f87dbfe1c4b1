import { expect, test } from "@playwright/test";

// Next.js itself answered these with a bare text/plain 500 (its route matcher cannot decode the
// params); only a real server shows whether the proxy stops them first.
test.describe("paths that are not valid percent-encoded UTF-8", () => {
  for (const path of ["/api/v1/integrations/%FF%FE", "/api/hooks/%FF%FE", "/api/v1/integrations/%ED%A0%80"]) {
    test(`${path} answers 400 with the standard error body`, async ({ request }) => {
      const res = await request.get(path);
      expect(res.status()).toBe(400);
      expect(res.headers()["content-type"]).toContain("application/json");
      expect(await res.json()).toEqual({ error: { code: "bad_request", message: expect.any(String) } });
    });
  }

  test("a page path shows the not-found page", async ({ page }) => {
    for (const path of ["/t/%FF%FE", "/t/%FF%FE/integrations", "/t/%00/dashboard"]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });
});
