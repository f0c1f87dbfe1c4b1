import { Badge, type BadgeTone, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { KeyState, listApiKeysWithUsage } from "@/lib/api-keys";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import { RotateApiKeyDialog } from "./rotate-api-key-dialog";
import { UsageBars } from "./usage-bars";

type ApiKeyRow = Awaited<ReturnType<typeof listApiKeysWithUsage>>[number];

const STATE_TONE: Record<KeyState, BadgeTone> = {
  active: "success",
  expiring_soon: "warning",
  rotating: "info",
  expired: "neutral",
  revoked: "danger",
};

/** The tenant's API keys with their last day's usage; owners get rotate and revoke on each live key. */
export function ApiKeysTable({ tenantSlug, keys, canManage }: { tenantSlug: string; keys: ApiKeyRow[]; canManage: boolean }) {
  return (
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
                    <RotateApiKeyDialog tenantSlug={tenantSlug} id={k.id} name={k.name} disabled={k.state === "rotating"} />
                    <RevokeApiKeyButton tenantSlug={tenantSlug} id={k.id} name={k.name} />
                  </>
                )}
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
