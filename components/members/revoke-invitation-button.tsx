"use client";

import { revokeInvitationAction } from "@/app/t/[tenant]/settings/members/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";

export function RevokeInvitationButton({ tenantSlug, invitationId, email }: { tenantSlug: string; invitationId: string; email: string }) {
  return (
    <ConfirmAction
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke the invitation of ${email}`}
      title={`Revoke the invitation of ${email}?`}
      description="The link stops working at once. You can invite them again later."
      confirmLabel="Revoke invitation"
      successMessage={`Invitation of ${email} revoked`}
      action={() => revokeInvitationAction(tenantSlug, { invitationId })}
    />
  );
}
