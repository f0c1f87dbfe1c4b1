import type { Metadata } from "next";
import { ExportPanel } from "@/components/imports/export-panel";
import { PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listExports } from "@/lib/exports/service";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Exports"
        description="Integrations (never their secrets), health history, webhook deliveries, the audit log, an entity's records and sync runs as CSV, XLSX, JSON or XML."
      />
      <ExportPanel tenantSlug={ctx.tenant.slug} initial={await listExports(ctx)} />
    </div>
  );
}
