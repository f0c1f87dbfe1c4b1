#!/usr/bin/env node
// `npm test`: unit tests (Vitest), production build, end-to-end tests (Playwright),
// then one totals line per suite and a final "N passed, N failed" line.
//
//   npm test               both halves
//   npm test -- --unit     unit tests only
//   npm test -- --e2e      build + end-to-end tests only
//
// Env: PATCHBAY_SKIP_BUILD=1 skips `next build` (an existing .next is used);
//      PATCHBAY_CHROMIUM=/path/to/chromium picks the browser; E2E_PORT (default 3210).

import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "./find-browser.mjs";
import { formatCounts, formatSuiteLine, sumCounts, tryReadReport } from "./test-report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);

const UNIT_REPORT = "test-results/unit.json";
const E2E_REPORT = "test-results/e2e.json";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--unit" && arg !== "--e2e");
if (unknown.length > 0) {
  console.error(`scripts/test.mjs: unknown argument(s): ${unknown.join(" ")} (accepted: --unit, --e2e)`);
  process.exit(2);
}
const onlyUnit = args.includes("--unit");
const onlyE2e = args.includes("--e2e");
const runUnit = onlyUnit || !onlyE2e;
const runE2e = onlyE2e || !onlyUnit;

const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** Runs a command with the terminal attached; resolves to its exit code. */
function run(command, commandArgs, env = baseEnv) {
  console.log(`\n$ ${[command, ...commandArgs].join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: "inherit", env, cwd: root });
    child.on("error", (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const failedSteps = [];
const suites = []; // { label, counts } | { label, note }

// a. The browser first: fail fast, before minutes of unit tests and building.
let chromium = null;
if (runE2e) {
  try {
    chromium = await findChromium();
    console.log(`Browser for the end-to-end tests: ${chromium.executablePath} (${chromium.source})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

mkdirSync("test-results", { recursive: true });

// b. Unit tests.
if (runUnit) {
  rmSync(UNIT_REPORT, { force: true });
  const code = await run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${UNIT_REPORT}`]);
  if (code !== 0) failedSteps.push(`vitest (exit ${code})`);
  const counts = tryReadReport("vitest", UNIT_REPORT);
  suites.push(counts.error ? { label: "unit", note: counts.error } : { label: "unit", counts });
}

// c + d. Production build, then end-to-end tests against it.
if (runE2e) {
  rmSync(E2E_REPORT, { force: true });
  let built = true;
  if (process.env.PATCHBAY_SKIP_BUILD === "1") {
    console.log("\nPATCHBAY_SKIP_BUILD=1: skipping `next build`");
  } else {
    const code = await run("npx", ["next", "build"]);
    if (code !== 0) {
      failedSteps.push(`next build (exit ${code})`);
      built = false;
    }
  }
  if (built) {
    // Old runs' server data; the new run gets a fresh dir (see playwright.config.ts).
    rmSync(path.join(root, ".e2e-data"), { recursive: true, force: true });
    const code = await run("npx", ["playwright", "test"], {
      ...baseEnv,
      PATCHBAY_CHROMIUM: chromium.executablePath,
    });
    if (code !== 0) failedSteps.push(`playwright (exit ${code})`);
    const counts = tryReadReport("playwright", E2E_REPORT);
    suites.push(counts.error ? { label: "e2e", note: counts.error } : { label: "e2e", counts });
  } else {
    suites.push({ label: "e2e", note: "not run (the build failed)" });
  }
}

// e. Totals.
console.log("");
for (const suite of suites) {
  console.log(suite.counts ? formatSuiteLine(suite.label, suite.counts) : `${suite.label}: ${suite.note}`);
}
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(", ")}`);
const total = sumCounts(suites.map((suite) => suite.counts));
const missingReport = suites.some((suite) => !suite.counts);
console.log(formatCounts(total));

process.exit(failedSteps.length > 0 || missingReport || total.failed > 0 ? 1 : 0);
