#!/usr/bin/env node
// Prints the closing summary of .ci/run:
//
//   node scripts/ci-summary.mjs [--elapsed=SECONDS] [--failed-steps="a, b"] \
//     "unit (PGlite)=vitest:test-results/unit.json" \
//     "e2e=playwright:test-results/e2e.json" ...
//
// One line per suite, the failed steps (if any), the elapsed time, and as the last
// line exactly "N passed, N failed" summed over all suites.
// Exit 1 if any test failed or any report is missing, else 0.

import { formatCounts, formatSuiteLine, sumCounts, tryReadReport } from "./test-report.mjs";

let elapsed = null;
let failedSteps = "";
const suites = [];

for (const arg of process.argv.slice(2)) {
  if (arg.startsWith("--elapsed=")) {
    elapsed = arg.slice("--elapsed=".length);
  } else if (arg.startsWith("--failed-steps=")) {
    failedSteps = arg.slice("--failed-steps=".length).trim();
  } else {
    const match = /^(.+?)=(vitest|playwright):(.+)$/.exec(arg);
    if (!match) {
      console.error(`ci-summary: cannot parse ${JSON.stringify(arg)} (want LABEL=vitest|playwright:FILE)`);
      process.exit(2);
    }
    const [, label, kind, file] = match;
    suites.push({ label, result: tryReadReport(kind, file) });
  }
}

console.log("");
for (const { label, result } of suites) {
  console.log(result.error ? `${label}: ${result.error}` : formatSuiteLine(label, result));
}
if (failedSteps) console.log(`failed steps: ${failedSteps}`);

const ok = suites.filter(({ result }) => !result.error).map(({ result }) => result);
const total = sumCounts(ok);
if (total.skipped > 0) console.log(`skipped: ${total.skipped}`);
if (elapsed !== null) console.log(`elapsed: ${elapsed} s`);
// The closing line, exactly "N passed, N failed" (skipped ones are on the line above).
console.log(formatCounts({ passed: total.passed, failed: total.failed }));

process.exit(total.failed > 0 || ok.length < suites.length ? 1 : 0);
