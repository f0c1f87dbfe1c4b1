import { notFound } from "next/navigation";
import { RunDetail } from "@/components/sync/run-detail";
import { AppError } from "@/lib/errors";
import { getRun, listRunCalls, listRunErrors } from "@/lib/sync/run-service";
import { loadIntegrationPage } from "../../../load";

type Props = { params: Promise<{ tenant: string; id: string; runId: string }> };

export default async function SyncRunPage({ params }: Props) {
  const { tenant, id, runId } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const run = await getRun(ctx, runId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (run.integration_id !== integration.id) notFound();
  const errors = (await listRunErrors(ctx, run.id, { limit: 100 })).data;
  const calls = await listRunCalls(ctx, run.id);
  return <RunDetail tenantSlug={ctx.tenant.slug} integrationId={integration.id} initial={{ run, errors }} calls={calls} />;
}
