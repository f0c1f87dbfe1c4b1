import { expect, test } from "@playwright/test";
import { loopbackPeer } from "./loopback";
import { expectAccessible } from "./pages/accessibility";
import { createApiKey, OWNER, signInAsOwner } from "./pages/session";

// A provider on loopback that always answers, so the scheduled checks of these integrations stay quiet.
const provider = loopbackPeer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));

test("the integrations list goes to the next page and back, keeping its search and sort", async ({ page, request }) => {
  // Sixty API calls (thirty creates, each audited and scheduled, and thirty deletes) besides the pages.
  test.setTimeout(90_000);
  await signInAsOwner(page);
  const auth = { Authorization: `Bearer ${await createApiKey(page, "Paging e2e")}` };
  const names = Array.from({ length: 30 }, (_, i) => `Ledger ${String(i + 1).padStart(2, "0")}`);
  const ids: string[] = [];
  for (const name of names) {
    const created = await request.post("/api/v1/integrations", {
      headers: auth,
      data: { name, provider: "custom_rest", auth_type: "none", base_url: provider.url() },
    });
    expect(created.status()).toBe(201);
    ids.push((await created.json()).id);
  }

  const rows = page.getByRole("table").getByRole("link", { name: /^Ledger \d+$/ });
  const pages = page.getByRole("navigation", { name: "Pages" });
  await page.goto(`/t/${OWNER.tenant}/integrations?q=Ledger&sort=name`);
  await expect(rows).toHaveText(names.slice(0, 25));
  await expect(pages.getByRole("link")).toHaveText(["Next page"]);
  await expectAccessible(page);

  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(rows).toHaveText(names.slice(25));
  await expect(page).toHaveURL(/[?&]q=Ledger/);
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(pages.getByRole("link")).toHaveText(["Previous page"]);

  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(rows).toHaveText(names.slice(0, 25));
  await expect(page).not.toHaveURL(/cursor=/);

  // A cursor edited by hand starts the list again from the top instead of failing the page.
  await page.goto(`/t/${OWNER.tenant}/integrations?q=Ledger&sort=name&cursor=bm90LWEtY3Vyc29y`);
  await expect(rows).toHaveText(names.slice(0, 25));

  for (const id of ids) expect((await request.delete(`/api/v1/integrations/${id}`, { headers: auth })).status()).toBe(204);
});
