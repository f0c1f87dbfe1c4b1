// Reads the JSON reports that `npm test` (scripts/test.mjs) and .ci/run produce,
// and formats pass/fail totals. No dependencies beyond Node itself.
//
//   readVitestReport(file)     → { passed, failed, skipped, fileErrors }
//   readPlaywrightReport(file) → { passed, failed, skipped, flaky, errors }
//
// Both throw an Error if the file is missing or is not a report of that kind.

import { readFileSync } from "node:fs";

function readJson(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`no report at ${file} (${error.code ?? error.message})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`report ${file} is not valid JSON: ${error.message}`, { cause: error });
  }
}

const count = (value) => (Number.isFinite(value) ? value : 0);

/**
 * Vitest's json reporter (Jest-compatible). A test file that failed without any
 * failing test (import error, failing beforeAll/afterAll) counts as one failure,
 * so a broken file can never look green.
 */
export function readVitestReport(file) {
  const report = readJson(file);
  if (typeof report !== "object" || report === null || !("numPassedTests" in report)) {
    throw new Error(`report ${file} is not a Vitest JSON report`);
  }
  const results = Array.isArray(report.testResults) ? report.testResults : [];
  const fileErrors = results.filter(
    (result) => result?.status === "failed" && !(result.assertionResults ?? []).some((assertion) => assertion?.status === "failed"),
  ).length;
  return {
    passed: count(report.numPassedTests),
    failed: count(report.numFailedTests) + fileErrors,
    skipped: count(report.numPendingTests) + count(report.numTodoTests),
    fileErrors,
  };
}

/**
 * Playwright's json reporter. Flaky tests (failed, then passed on retry) count as
 * passed; errors outside any test (web server did not start, global setup threw)
 * count as failures.
 */
export function readPlaywrightReport(file) {
  const report = readJson(file);
  const stats = report?.stats;
  if (typeof stats !== "object" || stats === null || !("expected" in stats)) {
    throw new Error(`report ${file} is not a Playwright JSON report`);
  }
  const errors = Array.isArray(report.errors) ? report.errors.length : 0;
  const flaky = count(stats.flaky);
  return {
    passed: count(stats.expected) + flaky,
    failed: count(stats.unexpected) + errors,
    skipped: count(stats.skipped),
    flaky,
    errors,
  };
}

/** "N passed, N failed" plus ", N skipped" when any were skipped. */
export function formatCounts({ passed, failed, skipped = 0 }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

/** A per-suite line: "unit: 40 passed, 0 failed" (+ flaky / file-error notes). */
export function formatSuiteLine(label, counts) {
  const notes = [];
  if (counts.flaky) notes.push(`${counts.flaky} flaky`);
  if (counts.fileErrors) notes.push(`${counts.fileErrors} test file(s) failed to run`);
  if (counts.errors) notes.push(`${counts.errors} error(s) outside tests`);
  return `${label}: ${formatCounts(counts)}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

export function sumCounts(list) {
  return list.reduce(
    (total, counts) => ({
      passed: total.passed + (counts?.passed ?? 0),
      failed: total.failed + (counts?.failed ?? 0),
      skipped: total.skipped + (counts?.skipped ?? 0),
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** Reads a report of the given kind ("vitest" | "playwright"), or returns { error }. */
export function tryReadReport(kind, file) {
  try {
    return kind === "playwright" ? readPlaywrightReport(file) : readVitestReport(file);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
