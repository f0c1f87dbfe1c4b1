#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests.
//
//   import { findChromium } from "./find-browser.mjs";
//   const { executablePath, source } = await findChromium();
//
// or from a shell: `node scripts/find-browser.mjs` prints the path (exit 1 and a
// message naming what is missing otherwise).
//
// Order: $PATCHBAY_CHROMIUM, Debian's chromium, Playwright's own chromium, and as a
// last resort `npx playwright install chromium` (which needs network access to the
// browser download host, so it normally fails offline) followed by a re-check.

import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const INSTALL_TIMEOUT_MS = 4 * 60 * 1000;

export const MISSING_BROWSER_MESSAGE =
  "No browser for the end-to-end tests: install Debian's chromium (`apt-get install -y chromium`) " +
  "or Playwright's (`npx playwright install chromium`).";

function isExecutableFile(file) {
  if (!file) return false;
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which NAME`: the first executable NAME on $PATH, or null. */
function which(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function findDebianChromium() {
  if (isExecutableFile("/usr/bin/chromium")) return "/usr/bin/chromium";
  return which("chromium") ?? which("chromium-browser");
}

async function findPlaywrightChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return isExecutableFile(file) ? file : null;
  } catch {
    // @playwright/test not installed, or it does not know this platform.
    return null;
  }
}

function tryInstallPlaywrightChromium() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  process.stderr.write("find-browser: no chromium found; trying `npx playwright install chromium` (fails without network access)...\n");
  const result = spawnSync("npx", ["--no-install", "playwright", "install", "chromium"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: "SIGKILL",
    env: process.env,
  });
  if (result.error) {
    process.stderr.write(`find-browser: playwright install did not run: ${result.error.message}\n`);
    return false;
  }
  if (result.status !== 0) {
    process.stderr.write(
      `find-browser: playwright install failed (${result.signal ? `killed by ${result.signal}` : `exit ${result.status}`})\n`,
    );
    return false;
  }
  return true;
}

/**
 * @returns {Promise<{ executablePath: string, source: "env" | "debian" | "playwright" | "playwright-installed" }>}
 */
export async function findChromium() {
  const fromEnv = process.env.PATCHBAY_CHROMIUM;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return { executablePath: fromEnv, source: "env" };
    process.stderr.write(`find-browser: PATCHBAY_CHROMIUM=${fromEnv} is not an executable file; looking elsewhere\n`);
  }

  const debian = findDebianChromium();
  if (debian) return { executablePath: debian, source: "debian" };

  const playwright = await findPlaywrightChromium();
  if (playwright) return { executablePath: playwright, source: "playwright" };

  if (tryInstallPlaywrightChromium()) {
    const installed = await findPlaywrightChromium();
    if (installed) return { executablePath: installed, source: "playwright-installed" };
  }

  throw new Error(MISSING_BROWSER_MESSAGE);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  try {
    const { executablePath } = await findChromium();
    process.stdout.write(`${executablePath}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
