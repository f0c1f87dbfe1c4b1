import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "@/components/api-keys/create-api-key-dialog";
import { Alert, Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { keyLabel, listApiKeysWithUsage } from "@/lib/api-keys";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const keys = await listApiKeysWithUsage(ctx);
  const canManage = hasRole(ctx, "owner");
  const due = keys.filter((k) => k.rotationDue);
  return (
    <Card>
      <CardHeader
        title="API keys"
        description={
          <>
            Send a key as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> to <code className="font-mono">/api/v1</code>
            .
          </>
        }
        action={canManage ? <CreateApiKeyDialog tenantSlug={ctx.tenant.slug} /> : undefined}
      />
      <CardBody className="grid gap-4">
        {due.length > 0 && (
          <Alert tone="warning">
            Due for rotation (older than their rotation period): {due.map((k) => `“${keyLabel(k)}”`).join(", ")}.
          </Alert>
        )}
        {keys.length === 0 ? (
          <EmptyState
            title="No API keys yet"
            description={canManage ? "Create one to let a script or another system call Patchbay." : "An owner can create one."}
          />
        ) : (
          <ApiKeysTable tenantSlug={ctx.tenant.slug} keys={keys} canManage={canManage} />
        )}
      </CardBody>
    </Card>
  );
}
