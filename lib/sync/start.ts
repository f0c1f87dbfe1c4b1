import type { TenantContext } from "@/lib/tenancy/context";
import { enqueueRun } from "./jobs";
import { startSync } from "./run-service";
import type { RunView } from "./view";

/** Queues a run and hands it to a worker (the API's and the Sync tab's "Run now" / "Full resync"). */
export async function requestSync(ctx: TenantContext, integrationId: string, input: unknown): Promise<RunView> {
  const run = await startSync(ctx, integrationId, input, "manual");
  // The scheduler's next pass picks a queued run up too, so a failed send only delays it.
  await enqueueRun({ tenantId: ctx.tenant.id, runId: run.id }).catch(() => undefined);
  return run;
}
