import type { Metadata } from "next";
import { ImportHistory } from "@/components/imports/import-history";
import { ImportWizard, type TargetOption } from "@/components/imports/import-wizard";
import { PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listImports } from "@/lib/imports/status";
import { importTarget } from "@/lib/imports/targets";
import { listEntities } from "@/lib/sync";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const keys = ["integrations", ...(await listEntities(ctx)).map((e) => `entity:${e.key}`)];
  const targets: TargetOption[] = [];
  for (const key of keys) {
    const t = await importTarget(ctx, key);
    targets.push({
      key: t.key,
      label: t.label,
      fields: t.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, secret: f.secret })),
    });
  }
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Imports"
        description="Bulk-create integrations or load an entity's records from a spreadsheet, JSON or XML file."
      />
      <ImportWizard tenantSlug={ctx.tenant.slug} targets={targets} />
      <ImportHistory tenantSlug={ctx.tenant.slug} initial={await listImports(ctx)} />
    </div>
  );
}
