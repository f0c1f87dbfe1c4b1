import { migrateDatabase } from "@/db/client";
import { describeCreated, loadSecrets } from "@/lib/crypto/secret-files";
import { env } from "@/lib/env";
import { startJobs } from "@/lib/jobs/boss";
import { acquireDataDirLock } from "./data-dir-lock";

/** What the Next.js server does once at start (from instrumentation.ts), before the first request. */
export async function startServerRuntime(): Promise<void> {
  const settings = env();
  const secrets = loadSecrets();
  const created = describeCreated(secrets.created);
  if (created) console.log(created);
  acquireDataDirLock("the Patchbay server");
  await migrateDatabase();
  await startJobs({ workers: settings.inProcessWorkers });
}
