import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { childProcessEnv } from "@/lib/env";

const TSX = "node_modules/tsx/dist/cli.mjs";
const run = promisify(execFile);

/**
 * Another app instance: a peer script under tsx in its own process, on this test's database
 * settings (plus `changes`). Only meaningful on PostgreSQL: the embedded database admits one process.
 */
export function runInstance(script: string, args: string[], changes: Record<string, string> = {}) {
  return run(process.execPath, [TSX, script, ...args], { env: childProcessEnv(changes) });
}

/** The same, streaming: for a peer that reports while it runs. */
export function spawnInstance(script: string, args: string[]) {
  return spawn(process.execPath, [TSX, script, ...args], { env: childProcessEnv(), stdio: ["ignore", "pipe", "inherit"] });
}
