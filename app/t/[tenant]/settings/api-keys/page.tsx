import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "@/components/api-keys/create-api-key-dialog";
import { Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { listApiKeysWithUsage } from "@/lib/api-keys";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const keys = await listApiKeysWithUsage(ctx);
  const canManage = hasRole(ctx, "owner");
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
      <CardBody>
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
