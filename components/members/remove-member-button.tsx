"use client";

import { removeMemberAction } from "@/app/t/[tenant]/settings/members/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";

export function RemoveMemberButton({ tenantSlug, userId, email }: { tenantSlug: string; userId: string; email: string }) {
  return (
    <ConfirmAction
      triggerLabel="Remove"
      triggerAriaLabel={`Remove ${email}`}
      title={`Remove ${email}?`}
      description="They lose access to this organisation at once. Their account stays for any other organisations."
      confirmLabel="Remove member"
      successMessage={`${email} removed`}
      action={() => removeMemberAction(tenantSlug, { userId })}
    />
  );
}
