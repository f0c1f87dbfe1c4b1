import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createApiKey, inviteMember, OWNER, signInAsOwner } from "./pages/session";

// Every page of the app tree, found from the files, so a page added later is checked too.
function pageRoutes(dir = path.join(process.cwd(), "app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) routes.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
    // Route groups, "(overview)", add nothing to the address.
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    routes.push(...pageRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return routes;
}

test("no page scrolls sideways on a 390 px phone", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAsOwner(page);
  // The fixtures are made at desktop size: in mobile emulation Playwright scrolls the visual
  // viewport to reach a checkbox low in a tall dialog and then hits the backdrop, which is not
  // what this check is about (the pages below are).
  const setup = await browser.newPage();
  await signInAsOwner(setup);
  const auth = {
    Authorization: `Bearer ${await createApiKey(setup, "Phone e2e", ["integrations:write", "webhooks:write", "api_keys:write", "sync:write"])}`,
  };
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: "A rather long integration name for a narrow phone screen",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://erp.internal.example.com/api/v2/with/a/long/path",
      credentials: { token: "phone-token-0000-4242" },
    },
  });
  expect(integration.status()).toBe(201);
  const endpoint = await request.post("/api/v1/webhooks", {
    headers: auth,
    data: { url: "https://hooks.subscriber.example.com/patchbay/incoming/with/a/long/path", events: ["api_key.revoked"] },
  });
  expect(endpoint.status()).toBe(201);
  const keys = await request.get("/api/v1/api-keys", { headers: auth });
  const entity = await request.post("/api/v1/entities", {
    headers: auth,
    data: { key: "phone_unit", name: "Phone units", template: "unit" },
  });
  expect(entity.status()).toBe(201);
  // No run, stream or record exists for these: their pages show the not-found page, which must fit too.
  const unknown = "00000000-0000-4000-8000-000000000000";

  // The value a dynamic segment takes, by the folder above it.
  const samples: Record<string, string> = {
    tenant: OWNER.tenant,
    "integrations/[id]": (await integration.json()).id,
    "webhooks/[id]": (await endpoint.json()).id,
    "api-keys/[id]": keys.ok() ? (await keys.json()).data[0].id : "",
    // A live invitation (seen by the signed-in owner, who is not the invitee); a reset token that opens nothing.
    "invite/[token]": (await inviteMember(setup, "phone-invitee@acme.test", "viewer")).split("/invite/")[1]!,
    "reset-password/[token]": "A".repeat(43),
    "data/[key]": "phone_unit",
    recordId: unknown,
    "runs/[runId]": unknown,
    "streams/[streamId]": unknown,
  };
  const routes = pageRoutes().map((route) =>
    route.replace(/(?:([a-z-]+)\/)?\[([^\]]+)\]/g, (whole, parent: string | undefined, name: string) => {
      const value = samples[`${parent}/[${name}]`] ?? samples[name];
      if (!value) throw new Error(`e2e/phone.spec.ts has no sample value for ${whole} in ${route}: add one to samples.`);
      return parent ? `${parent}/${value}` : value;
    }),
  );
  expect(routes.length).toBeGreaterThan(15);
  await setup.close();

  const wide: string[] = [];
  for (const route of routes) {
    // Open pages poll for changes and re-render when one lands: a refresh at the moment of a goto aborts it once.
    await page.goto(route).catch(async (error: Error) => {
      if (!error.message.includes("ERR_ABORTED")) throw error;
      await page.goto(route);
    });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) wide.push(`${route}: ${scrollWidth} px wide`);
  }
  expect(wide).toEqual([]);
  // Later specs (sync) start from the organisation's own entities.
  expect((await request.delete("/api/v1/entities/phone_unit", { headers: auth })).status()).toBe(204);
  await context.close();
});
