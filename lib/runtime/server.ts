import { migrateDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { loadSecretsWithNotice } from "@/lib/runtime/secrets-notice";
import { acquireDataDirLock } from "./data-dir-lock";
import { startRuntimeJobs } from "./jobs";

/** What the Next.js server does once at start (from instrumentation.ts), before the first request. */
export async function startServerRuntime(): Promise<void> {
  const settings = env();
  loadSecretsWithNotice();
  acquireDataDirLock("the Patchbay server");
  await migrateDatabase();
  await startRuntimeJobs({ workers: settings.inProcessWorkers });
}
