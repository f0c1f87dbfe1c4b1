import type { Metadata } from "next";
import { CreateApiKeyDialog } from "@/components/api-keys/create-api-key-dialog";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { RotateApiKeyDialog } from "@/components/api-keys/rotate-api-key-dialog";
import { UsageBars } from "@/components/api-keys/usage-bars";
import {
  Badge,
  type BadgeTone,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  RelativeTime,
  Table,
  TBody,
  Td,
  Th,
  THead,
  Tr,
} from "@/components/ui";
import { listApiKeysWithUsage, type KeyState } from "@/lib/api-keys";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "API keys" };

const STATE_TONE: Record<KeyState, BadgeTone> = {
  active: "success",
  expiring_soon: "warning",
  rotating: "info",
  expired: "neutral",
  revoked: "danger",
};

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
          <Table>
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Scopes</Th>
                <Th>Requests (24 h)</Th>
                <Th>Expires</Th>
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
                  <Td className="font-medium">
                    {k.name}
                    {k.mode === "test" && (
                      <Badge tone="info" className="ml-2">
                        Test
                      </Badge>
                    )}
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{k.prefix}…</code>
                  </Td>
                  <Td>
                    <RelativeTime value={k.createdAt} />
                  </Td>
                  <Td>
                    <RelativeTime value={k.lastUsedAt} />
                  </Td>
                  <Td>
                    <ul className="grid gap-0.5 font-mono text-xs">
                      {k.scopes.map((scope) => (
                        <li key={scope}>{scope}</li>
                      ))}
                    </ul>
                  </Td>
                  <Td>
                    <UsageBars usage={k.usage} />
                    <span className="text-xs text-muted-foreground tabular-nums">{k.totalRequests.toLocaleString("en")} in all</span>
                  </Td>
                  <Td>
                    <RelativeTime value={k.expiresAt} empty="Never" />
                  </Td>
                  <Td>
                    <Badge tone={STATE_TONE[k.state]}>{k.state.replace("_", " ")}</Badge>
                  </Td>
                  {canManage && (
                    <Td className="whitespace-nowrap text-right">
                      {k.state !== "revoked" && k.state !== "expired" && (
                        <>
                          {/* Stays mounted while rotating: the dialog showing the new key lives inside it. */}
                          <RotateApiKeyDialog tenantSlug={ctx.tenant.slug} id={k.id} name={k.name} disabled={k.state === "rotating"} />
                          <RevokeApiKeyButton tenantSlug={ctx.tenant.slug} id={k.id} name={k.name} />
                        </>
                      )}
                    </Td>
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
