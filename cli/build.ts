import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const SOURCES = ["app", "components", "lib", "db", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "package-lock.json"];

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * The build Patchbay runs, or the bench build beside it (next.config.ts: its own folder, plus
 * the `*.bench.ts` baseline routes).
 */
export type BuildKind = "app" | "bench";
const DIST_DIR: Record<BuildKind, string> = { app: ".next", bench: ".next-bench" };

/** A build is needed the first time, and again after the sources changed (a `git pull`, say). */
export function buildIsStale(root: string, kind: BuildKind = "app"): boolean {
  const buildId = path.join(root, DIST_DIR[kind], "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

export function runNextBuild(root: string, kind: BuildKind = "app"): void {
  console.log(
    kind === "app"
      ? "Building Patchbay (first start, or the sources changed; a minute or two)…"
      : "Building the bench build (.next-bench)…",
  );
  // Quiet unless it fails: the route table and Next's notices are for Next's developers, not for whoever starts Patchbay.
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      ...process.env,
      NODE_ENV: "production",
      ...(kind === "bench" ? { PATCHBAY_BENCH_BUILD: "1" } : {}),
    },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error("next build failed; see its output above.");
  }
}
