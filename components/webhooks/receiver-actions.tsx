"use client";

import { deleteReceiverAction, rotateReceiverUrlAction } from "@/app/t/[tenant]/integrations/[id]/webhooks/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";

export function ReceiverActions({ tenantSlug, id }: { tenantSlug: string; id: string }) {
  return (
    <div className="flex gap-1">
      <ConfirmAction
        triggerLabel="New URL"
        title="Replace this receiver URL?"
        description="The current URL answers 404 from now on; give the provider the new one."
        confirmLabel="Replace URL"
        successMessage="Receiver URL replaced"
        action={() => rotateReceiverUrlAction(tenantSlug, { id })}
      />
      <ConfirmAction
        triggerLabel="Delete"
        title="Delete this receiver?"
        description="Its URL answers 404 from now on, and its received events are deleted."
        confirmLabel="Delete receiver"
        successMessage="Receiver deleted"
        action={() => deleteReceiverAction(tenantSlug, { id })}
      />
    </div>
  );
}
