import { defineConfig, devices } from "@playwright/test";
import { SSO_DNS_PORT_OFFSET } from "./e2e/ports";
import { selfSignedPair } from "./tests/peers/sso-keys";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

// This file is evaluated by the main process and again by each worker. Pick the
// data dir once (main process) and hand it down through the environment, so every
// evaluation within a run agrees on it while each run gets a fresh one.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = `.e2e-data/run-${Date.now()}`;
}
const dataDir = process.env.E2E_DATA_DIR;

// The SP key pair SSO signs SAML requests with, made once per run (like an operator's) and handed down the same way.
if (!process.env.E2E_SSO_SP_CERTIFICATE) {
  const sp = selfSignedPair("patchbay-e2e-sp");
  process.env.E2E_SSO_SP_PRIVATE_KEY = sp.privateKey;
  process.env.E2E_SSO_SP_CERTIFICATE = sp.certificate;
}

const launchOptions = {
  // Set by scripts/test.mjs (scripts/find-browser.mjs); unset → Playwright's own.
  executablePath: process.env.PATCHBAY_CHROMIUM || undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  // The specs tell one story against one server (first-run setup happens once), so a retry cannot start over.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL,
    launchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // First-run setup is the foundation spec's story, so it runs before every other spec whatever the
  // file names (alerts.spec.ts sorts before it) and whichever specs a run names. The integrations
  // spec starts from the organisation's empty list, so it runs next, before any spec adds one.
  projects: [
    {
      name: "foundation",
      testMatch: /foundation\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "empty-organisation",
      testMatch: /integrations\.spec\.ts$/,
      dependencies: ["foundation"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "chromium",
      testIgnore: /(foundation|integrations)\.spec\.ts$/,
      dependencies: ["empty-organisation"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  webServer: {
    command: "node bin/patchbay.mjs start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PATCHBAY_DATA_DIR: dataDir,
      // scripts/test.mjs runs `next build` before the e2e tests.
      PATCHBAY_SKIP_BUILD: "1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Test peers (the OAuth provider, provider APIs) listen on loopback, which outbound calls refuse otherwise.
      PATCHBAY_ALLOW_PRIVATE_NETWORK: "true",
      PATCHBAY_SSO_SP_PRIVATE_KEY: process.env.E2E_SSO_SP_PRIVATE_KEY!,
      PATCHBAY_SSO_SP_CERTIFICATE: process.env.E2E_SSO_SP_CERTIFICATE!,
      // Domain verification asks the spec's DNS server on loopback (e2e/sso.spec.ts starts it on this port).
      PATCHBAY_DNS_SERVERS: `127.0.0.1:${port + SSO_DNS_PORT_OFFSET}`,
    },
    stdout: "pipe",
    stderr: "pipe",
    // Let the server close its database cleanly; killed after 10 s regardless.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
