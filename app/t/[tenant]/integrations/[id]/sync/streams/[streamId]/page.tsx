import { notFound } from "next/navigation";
import { StreamForm } from "@/components/sync/stream-form";
import { AppError } from "@/lib/errors";
import { listEntities } from "@/lib/sync/entities";
import { getStream } from "@/lib/sync/streams";
import { requireRole } from "@/lib/tenancy/context";
import { loadIntegrationPage } from "../../../load";

type Props = { params: Promise<{ tenant: string; id: string; streamId: string }> };

export default async function EditStreamPage({ params }: Props) {
  const { tenant, id, streamId } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  requireRole(ctx, "admin");
  const stream = await getStream(ctx, integration.id, streamId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <StreamForm tenantSlug={ctx.tenant.slug} integrationId={integration.id} entities={await listEntities(ctx)} stream={stream} />;
}
