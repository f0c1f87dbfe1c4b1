"use client";

import { revokeAuthorizedAppAction } from "@/app/t/[tenant]/settings/oauth-apps/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { listAuthorizedApps } from "@/lib/oauth-server/authorize";

type AppRow = Awaited<ReturnType<typeof listAuthorizedApps>>[number];

export function AuthorizedAppsTable({ tenantSlug, apps }: { tenantSlug: string; apps: AppRow[] }) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>App</Th>
          <Th>Scopes</Th>
          <Th>Allowed by</Th>
          <Th>Last used</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {apps.map((a) => (
          <Tr key={a.id}>
            <Td className="font-medium">{a.clientName}</Td>
            <Td className="text-sm">
              {a.scopes.map((s) => (
                <code key={s} className="mr-2 font-mono">
                  {s}
                </code>
              ))}
            </Td>
            <Td className="text-sm">
              {a.userLabel}, <RelativeTime value={a.createdAt} />
            </Td>
            <Td className="whitespace-nowrap">
              <RelativeTime value={a.lastUsedAt} />
            </Td>
            <Td className="text-right">
              <ConfirmAction
                triggerLabel="Revoke"
                triggerAriaLabel={`Revoke ${a.clientName}`}
                title={`Revoke “${a.clientName}”?`}
                description="Its access and refresh tokens stop working at once; it must ask an admin again to return."
                confirmLabel="Revoke access"
                successMessage={`“${a.clientName}” no longer has access`}
                action={() => revokeAuthorizedAppAction(tenantSlug, { id: a.id })}
              />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
