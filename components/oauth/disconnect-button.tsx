"use client";

import { disconnectAction } from "@/app/t/[tenant]/integrations/[id]/oauth/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";

export function DisconnectButton({
  tenantSlug,
  integrationId,
  name,
  canRevoke,
}: {
  tenantSlug: string;
  integrationId: string;
  name: string;
  canRevoke: boolean;
}) {
  return (
    <ConfirmAction
      triggerLabel="Disconnect"
      title={`Disconnect “${name}”?`}
      description={
        canRevoke
          ? "Patchbay revokes its tokens at the provider and deletes them. Calls that need the connection stop until someone connects again."
          : "Patchbay deletes its tokens (this provider offers no revocation; remove the app in the provider's settings too). Calls that need the connection stop until someone connects again."
      }
      confirmLabel="Disconnect"
      successMessage={`“${name}” disconnected`}
      action={() => disconnectAction(tenantSlug, { id: integrationId })}
    />
  );
}
