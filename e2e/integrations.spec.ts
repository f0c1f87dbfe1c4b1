import { randomBytes } from "node:crypto";
import { expect, test, type Page, type Response } from "@playwright/test";
import { startFakeStripe } from "./fake-stripe";
import { expectAccessible } from "./pages/accessibility";
import { OWNER, signInAsOwner } from "./pages/session";

const SECRET = `sk_test_${randomBytes(18).toString("hex")}`;
const WRONG = `sk_test_${randomBytes(18).toString("hex")}`;
const NAME = "Stripe test shop";
const list = `/t/${OWNER.tenant}/integrations`;

test.describe.serial("an admin connects a Stripe-style API, proves it works, and the key never comes back", () => {
  let page: Page;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let detail: string;
  // Every body the browser receives — documents, RSC payloads, server action answers, scripts — is searched for both keys.
  const pending: Promise<void>[] = [];
  const leaks: string[] = [];
  let checked = 0;
  // Proof the check reads the payloads that render the credentials tab: they carry the masked hint.
  let hintSeen = 0;

  const watch = (response: Response) => {
    pending.push(
      response.body().then(
        (body) => {
          checked += 1;
          const text = body.toString("utf8");
          for (const secret of [SECRET, WRONG]) if (text.includes(secret)) leaks.push(`${response.request().method()} ${response.url()}`);
          if (text.includes(`••••${SECRET.slice(-4)}`)) hintSeen += 1;
        },
        // Redirects and aborted navigations have no body to leak.
        () => undefined,
      ),
    );
  };

  test.beforeAll(async ({ browser }) => {
    stripe = await startFakeStripe(SECRET);
    // One context for the whole story, so a single listener sees every page's traffic.
    const context = await browser.newContext();
    context.on("response", watch);
    page = await context.newPage();
  });

  test.afterAll(async () => {
    await page?.context().close();
    await stripe?.close();
  });

  const testConnection = async () => {
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByTestId("test-result");
    await expect(result).toBeVisible();
    return result;
  };

  test("the empty list leads to the picker, which searches the catalog by category", async () => {
    // All specs share one server; playwright.config.ts runs this one right after first-run setup,
    // before any spec that adds integrations of its own, so the list starts empty.
    await signInAsOwner(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
    await expect(page.getByText("No integrations yet")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Add integration" }).first().click();

    await expect(page.getByRole("heading", { name: "Payments" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Accounting" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Search providers").fill("strip");
    await expect(page.getByRole("heading", { name: "Accounting" })).toHaveCount(0);
    await page.getByRole("link", { name: /Stripe/ }).click();
    await expect(page.getByRole("heading", { name: "Add Stripe", level: 1 })).toBeVisible();
  });

  test("the form shows each bad field's message inline, then saves", async () => {
    await page.getByLabel("Name", { exact: true }).fill("");
    await page.getByLabel("Base URL").fill("ftp://127.0.0.1");
    await page.getByLabel("Polling interval (s)").fill("2");
    await page.getByLabel("Retries").fill("11");
    await page.getByRole("button", { name: "Add integration" }).click();
    await expect(page.getByText("Give the integration a name.")).toBeVisible();
    await expect(page.getByText("Enter an http:// or https:// URL, such as https://api.example.com.")).toBeVisible();
    await expect(page.getByText("Enter the API key.")).toBeVisible();
    await expect(page.getByText("At least 5 seconds.")).toBeVisible();
    await expect(page.getByText("At most 10 retries.")).toBeVisible();
    await expect(page.getByLabel("Polling interval (s)")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Environment").selectOption("sandbox");
    await page.getByLabel("Base URL").fill(stripe.url);
    await page.getByLabel("Secret key").fill(SECRET);
    await page.getByLabel("Status endpoint (optional)").fill("/v1/products");
    // Stripe has no inventory statuses of its own: their fields wait under a disclosure.
    await page.getByText("Inventory statuses (optional)").click();
    await page.getByLabel("Status JSON path (optional)").fill("$.data[*].status");
    await page.getByLabel("Available", { exact: true }).fill("active");
    await page.getByLabel("Sold", { exact: true }).fill("archived");
    await page.getByLabel("Polling interval (s)").fill("30");
    await page.getByLabel("Retries").fill("0");
    await page.getByRole("button", { name: "Add integration" }).click();

    await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible();
    detail = new URL(page.url()).pathname;
    expect(detail).toMatch(new RegExp(`^${list}/[0-9a-f-]{36}$`));
    await expect(page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Overview" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByText("No calls yet.")).toBeVisible();
    await expect(page.getByRole("main").getByTestId("connection-status")).toHaveText(/^.Not yet connected$/);
    await expectAccessible(page);
  });

  test("the server refuses a second integration with the same name on the name field", async () => {
    await page.goto(`${list}/new?provider=custom_rest`);
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Base URL").fill(stripe.url);
    await page.getByLabel("Authentication").selectOption("none");
    await page.getByRole("button", { name: "Add integration" }).click();
    await expect(page.locator("#field-name-error")).toHaveText("An integration with this name already exists.");
    await expect(page).toHaveURL(/\/new\?provider=custom_rest$/);
  });

  test("a sandbox PayPal integration starts at PayPal's sandbox host, which the admin may replace", async () => {
    await page.goto(`${list}/new?provider=paypal`);
    const baseUrl = page.getByLabel("Base URL");
    await expect(baseUrl).toHaveValue("https://api-m.paypal.com");
    await page.getByLabel("Environment").selectOption("sandbox");
    await expect(baseUrl).toHaveValue("https://api-m.sandbox.paypal.com");
    await expect(page.getByText("Sandbox integrations call PayPal's test host")).toBeVisible();
    await page.getByLabel("Environment").selectOption("production");
    await expect(baseUrl).toHaveValue("https://api-m.paypal.com");
    await baseUrl.fill("https://paypal-proxy.example.com");
    await page.getByLabel("Environment").selectOption("sandbox");
    await expect(baseUrl).toHaveValue("https://paypal-proxy.example.com");
  });

  test("testing the connection shows the status, timing, headers, sample and mapped statuses", async () => {
    await page.goto(detail);
    const result = await testConnection();
    await expect(result.getByText("Connected: HTTP 200")).toBeVisible();
    for (const phase of ["DNS", "Connect", "TLS", "First byte", "Total"])
      await expect(result.getByText(phase, { exact: true })).toBeVisible();
    await expect(result.getByText("GET " + stripe.url + "/v1/products")).toBeVisible();
    await expect(result.getByText("request-id")).toBeVisible();
    await expect(result.getByText(/"id": "prod_A1"/)).toBeVisible();
    await expect(result.getByText("prod_D4")).toHaveCount(0);
    await expect(result.getByText("Available: 2")).toBeVisible();
    await expect(result.getByText("Sold: 1")).toBeVisible();
    await expect(result.getByText("Values no rule maps")).toBeVisible();
    await expect(result.getByRole("listitem").filter({ hasText: /^draft$/ })).toBeVisible();
    await expect(page.getByRole("main").getByTestId("health-status").first()).toHaveText(/^.Healthy$/);
    await expect(page.getByRole("main").getByTestId("connection-status")).toHaveText(/^.Connected$/);
    await expect(page.getByText("100 %")).toBeVisible();
    await expectAccessible(page);
  });

  test("a broken key gets the 401 explanation; replacing it makes the test pass again", async () => {
    const tabs = page.getByRole("navigation", { name: "Integration sections" });
    await tabs.getByRole("link", { name: "Credentials" }).click();
    await expect(page.getByTestId("credentials-hint")).toHaveText(`API key••••${SECRET.slice(-4)}`);
    await expect(page.getByLabel("Secret key")).toHaveValue("");
    await expectAccessible(page);
    await page.getByLabel("Secret key").fill(WRONG);
    await page.getByRole("button", { name: "Replace credentials" }).click();
    await expect(page.getByTestId("credentials-hint")).toHaveText(`API key••••${WRONG.slice(-4)}`);
    await expect(page.getByLabel("Secret key")).toHaveValue("");

    await tabs.getByRole("link", { name: "Overview" }).click();
    let result = await testConnection();
    await expect(result.getByText("Failed: HTTP 401")).toBeVisible();
    await expect(result.getByText("The provider refused the credentials (401). Replace them with a valid key or token.")).toBeVisible();
    // One failed check makes it degraded; down takes three in a row.
    await expect(page.getByRole("main").getByTestId("health-status").first()).toHaveText(/^.Degraded$/);
    await expect(page.getByRole("main").getByTestId("connection-status")).toHaveText(/^.Connection error$/);
    await expectAccessible(page);

    await tabs.getByRole("link", { name: "Credentials" }).click();
    await page.getByLabel("Secret key").fill(SECRET);
    await page.getByRole("button", { name: "Replace credentials" }).click();
    await expect(page.getByTestId("credentials-hint")).toHaveText(`API key••••${SECRET.slice(-4)}`);
    await tabs.getByRole("link", { name: "Overview" }).click();
    result = await testConnection();
    await expect(result.getByText("Connected: HTTP 200")).toBeVisible();
    // Scheduled health checks count too (their number depends on timing): one failed call among successes shows as between 0 and 100 %.
    await expect(page.getByText(/^[1-9]\d?(\.\d)? %$/).first()).toBeVisible();
    expect(stripe.calls()).toBe(3);
  });

  test("the request log lists the calls, redacted, and filters by outcome", async () => {
    await page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Request log" }).click();
    const rows = page.getByRole("table", { name: "Request log" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    // Scheduled health checks log too, as many as timing allows; the three tests are what this story made.
    await page.getByRole("navigation", { name: "Filter by source" }).getByRole("link", { name: "Tests" }).click();
    await expect(page).toHaveURL(/request-log\?source=test$/);
    await expect(rows).toHaveCount(3);
    await rows.first().getByText("Headers and response").click();
    await expect(rows.first().getByText(/authorization: /)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Failed" }).click();
    await expect(page).toHaveURL(/request-log\?(source=test&success=false|success=false&source=test)$/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("401");
    await expect(rows.first()).toContainText("The provider refused the credentials");
    await expect(rows.first()).toContainText("Tests");
    await page.getByRole("navigation", { name: "Filter by source" }).getByRole("link", { name: "Token calls" }).click();
    await expect(page.getByText("No entries match this filter")).toBeVisible();
  });

  test("settings edit through the same rules", async () => {
    await page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByLabel("Available", { exact: true })).toHaveValue("active");
    await expect(page.getByLabel("Polling interval (s)")).toHaveValue("30");
    await page.getByLabel("Polling interval (s)").fill("500");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("At most 300 seconds.")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Polling interval (s)").fill("120");
    await page.getByLabel("Unavailable", { exact: true }).fill("draft");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved", { exact: true })).toBeVisible();
    await page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByText("polling, every 120 s")).toBeVisible();
    const result = await testConnection();
    await expect(result.getByText("Unavailable: 1")).toBeVisible();
    await expect(result.getByText("Every value found maps to a status.")).toBeVisible();
  });

  test("the list finds it by search and filters, sorts, and follows disable and enable", async () => {
    await page.goto(`${list}?q=test+shop`);
    const row = page.getByRole("row").filter({ hasText: NAME });
    await expect(row).toBeVisible();
    await expect(row.getByText("Healthy")).toBeVisible();
    await expect(row.getByText("Sandbox")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Provider").selectOption("stripe");
    await page.getByLabel("Environment").selectOption("production");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No integrations match these filters")).toBeVisible();
    await page.getByLabel("Environment").selectOption("sandbox");
    await page.getByLabel("Category").selectOption("payments");
    await page.getByLabel("Health").selectOption("HEALTHY");
    await page.getByLabel("Connection", { exact: true }).selectOption("connected");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/provider=stripe/);
    await expect(page).toHaveURL(/connection_status=connected/);
    await expect(row.getByTestId("connection-status")).toHaveText(/^.Connected$/);
    await expect(row).toBeVisible();
    await page.getByRole("link", { name: /^Name/ }).click();
    await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(row).toBeVisible();

    await row.getByRole("link", { name: NAME }).click();
    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
    await page.goto(`${list}?status=disabled`);
    await expect(row).toBeVisible();
    await page.goto(`${list}?status=enabled`);
    await expect(page.getByText("No integrations match these filters")).toBeVisible();
    await page.goto(detail);
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
  });

  test("deleting asks for the name, then the integration is gone", async () => {
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${NAME}”?` });
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("button", { name: "Delete integration" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type ${NAME} to confirm`).fill("Stripe");
    await expect(confirm).toBeDisabled();
    await expectAccessible(page);
    await dialog.getByLabel(`Type ${NAME} to confirm`).fill(NAME);
    await confirm.click();
    await expect(page).toHaveURL(new RegExp(`${list}$`));
    await expect(page.getByText("No integrations yet")).toBeVisible();
    expect((await page.goto(`${detail}/settings`))?.status()).toBe(404);
    expect((await page.goto(`${list}/not-an-id`))?.status()).toBe(404);
    expect((await page.goto(detail))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Integration not found", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "All integrations" }).click();
    await expect(page).toHaveURL(new RegExp(`${list}$`));
  });

  test("no response the browser received carried a key", async () => {
    await Promise.all(pending);
    expect(checked).toBeGreaterThan(20);
    expect(hintSeen).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
