import Link from "next/link";
import { Badge, type BadgeTone, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { keyLabel, type KeyState, type listApiKeysWithUsage } from "@/lib/api-keys";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import { RotateApiKeyDialog } from "./rotate-api-key-dialog";
import { UsageBars } from "./usage-bars";

type ApiKeyRow = Awaited<ReturnType<typeof listApiKeysWithUsage>>[number];

export const STATE_TONE: Record<KeyState, BadgeTone> = {
  active: "success",
  expiring_soon: "warning",
  rotating: "info",
  expired: "neutral",
  revoked: "danger",
};

/**
 * The tenant's API keys with their last day's usage; owners get rotate and revoke on each live key.
 * Six columns so the actions stay in view at laptop widths; the rest is on each key's page.
 */
export function ApiKeysTable({ tenantSlug, keys, canManage }: { tenantSlug: string; keys: ApiKeyRow[]; canManage: boolean }) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Last used</Th>
          <Th>Scopes</Th>
          <Th>Requests (24 h)</Th>
          <Th>Status</Th>
          {canManage && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {keys.map((k) => {
          const label = keyLabel(k);
          return (
            <Tr key={k.id}>
              <Td className="max-w-72">
                <Link
                  href={`/t/${tenantSlug}/settings/api-keys/${k.id}`}
                  className="font-medium text-link underline-offset-4 hover:underline"
                >
                  {label}
                </Link>
                {k.mode === "test" && (
                  <Badge tone="info" className="ml-2">
                    Test
                  </Badge>
                )}
                <code className="block font-mono text-xs text-muted-foreground">{k.prefix}…</code>
              </Td>
              <Td className="whitespace-nowrap">
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
              <Td className="whitespace-nowrap">
                <Badge tone={STATE_TONE[k.state]}>{k.state.replace("_", " ")}</Badge>
                {k.rotationDue && (
                  <Badge tone="warning" className="ml-2">
                    rotation due
                  </Badge>
                )}
                <span className="block text-xs text-muted-foreground">
                  Expires <RelativeTime value={k.expiresAt} empty="never" />
                </span>
              </Td>
              {canManage && (
                <Td className="whitespace-nowrap text-right">
                  {k.state !== "revoked" && k.state !== "expired" && (
                    <>
                      {/* Stays mounted while rotating: the dialog showing the new key lives inside it. */}
                      <RotateApiKeyDialog tenantSlug={tenantSlug} id={k.id} name={label} disabled={k.state === "rotating"} />
                      <RevokeApiKeyButton tenantSlug={tenantSlug} id={k.id} name={label} />
                    </>
                  )}
                </Td>
              )}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
