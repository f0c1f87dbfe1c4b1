"use client";

import { revokeApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";

export function RevokeApiKeyButton({ tenantSlug, id, name }: { tenantSlug: string; id: string; name: string }) {
  return (
    <ConfirmAction
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke ${name}`}
      title={`Revoke “${name}”?`}
      description="Calls made with this key fail from now on. This cannot be undone."
      confirmLabel="Revoke key"
      successMessage={`“${name}” revoked`}
      action={() => revokeApiKeyAction(tenantSlug, { id })}
    />
  );
}
