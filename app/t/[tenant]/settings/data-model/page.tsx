import { EntityTemplateForm } from "@/components/sync/entity-template-form";
import { Card, CardBody, CardHeader, EmptyState, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listEntities } from "@/lib/sync/entities";
import { ENTITY_TEMPLATES } from "@/lib/sync/templates";
import { requireRole } from "@/lib/tenancy/context";

type Props = { params: Promise<{ tenant: string }> };

export default async function DataModelPage({ params }: Props) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  requireRole(ctx, "admin");
  const entities = await listEntities(ctx);
  const taken = new Set(entities.map((e) => e.key));
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title="Entities" description="Your typed record collections; streams and imports write into them." />
        <CardBody>
          {entities.length === 0 ? (
            <EmptyState title="No entities yet" description="Start from a template below." />
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <Tr>
                    <Th>Entity</Th>
                    <Th>Fields</Th>
                    <Th>Key fields</Th>
                  </Tr>
                </THead>
                <TBody>
                  {entities.map((e) => (
                    <Tr key={e.key}>
                      <Td>
                        <div className="font-medium">{e.name}</div>
                        <div className="font-mono text-xs text-muted-foreground">{e.key}</div>
                      </Td>
                      <Td className="break-words">
                        {e.fields.map((f) => `${f.key} (${f.type}${f.required ? ", required" : ""})`).join(", ")}
                      </Td>
                      <Td>{e.key_fields.join(", ") || "—"}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </CardBody>
      </Card>
      <EntityTemplateForm tenantSlug={ctx.tenant.slug} templates={ENTITY_TEMPLATES.filter((t) => !taken.has(t.key))} />
    </div>
  );
}
