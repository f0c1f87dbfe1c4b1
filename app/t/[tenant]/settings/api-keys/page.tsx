import type { Metadata } from "next";
import { CreateApiKeyDialog } from "@/components/api-keys/create-api-key-dialog";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Badge, Card, CardBody, CardHeader, EmptyState, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { listApiKeys } from "@/lib/api-keys";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const keys = await listApiKeys(ctx);
  const canManage = hasRole(ctx, "owner");
  return (
    <Card>
      <CardHeader
        title="API keys"
        description={
          <>
            Send a key as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> to <code className="font-mono">/api/v1</code>.
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
          <Table>
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                {canManage && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </Tr>
            </THead>
            <TBody>
              {keys.map((k) => (
                <Tr key={k.id}>
                  <Td className="font-medium">{k.name}</Td>
                  <Td>
                    <code className="font-mono text-xs">{k.prefix}…</code>
                  </Td>
                  <Td>
                    <RelativeTime value={k.createdAt} />
                  </Td>
                  <Td>
                    <RelativeTime value={k.lastUsedAt} />
                  </Td>
                  <Td>{k.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</Td>
                  {canManage && (
                    <Td className="text-right">{!k.revokedAt && <RevokeApiKeyButton tenantSlug={ctx.tenant.slug} id={k.id} name={k.name} />}</Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
