import path from "node:path";
import { spawn } from "node:child_process";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { loadSecretsWithNotice } from "@/lib/runtime/secrets-notice";
import { acquireDataDirLock } from "@/lib/runtime/data-dir-lock";
import { hasAnyUser } from "@/lib/tenancy/setup";
import { buildIsStale, runNextBuild } from "./build";
import { openLine, passServerOutput } from "./next-output";

async function waitUntilReady(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export async function start(root: string): Promise<number> {
  const settings = env();
  loadSecretsWithNotice();

  if (!settings.skipBuild && buildIsStale(root)) runNextBuild(root);

  // Migrate here so a broken database stops start-up with a clear message before the server
  // binds its port; the lock is released before the server process takes it over.
  const release = acquireDataDirLock("patchbay start");
  await migrateDatabase();
  const setUp = await hasAnyUser();
  await closeDatabase();
  release();

  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(settings.port), "-H", settings.hostname],
    // Telemetry off unless the operator opts in (NEXT_TELEMETRY_DISABLED=0): a self-hosted tool does not phone home.
    { cwd: root, stdio: ["inherit", "pipe", "pipe"], env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, NODE_ENV: "production" } },
  );
  passServerOutput(child.stdout!, process.stdout);
  passServerOutput(child.stderr!, process.stderr);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));

  const shownHost = settings.hostname === "0.0.0.0" || settings.hostname === "::" ? "localhost" : settings.hostname;
  const probeHost = shownHost === "localhost" ? "127.0.0.1" : shownHost;
  if (await waitUntilReady(`http://${probeHost}:${settings.port}/api/health`, child)) {
    console.log(`Patchbay is running. ${openLine(`http://${shownHost}:${settings.port}`, setUp)}`);
  }
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}
