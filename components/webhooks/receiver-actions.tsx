"use client";

import { useRouter } from "next/navigation";
import { deleteReceiverAction, rotateReceiverUrlAction } from "@/app/t/[tenant]/integrations/[id]/webhooks/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { ActionResult } from "@/lib/action-result";

export function ReceiverActions({ tenantSlug, id }: { tenantSlug: string; id: string }) {
  const router = useRouter();
  const refreshAfter = (run: () => Promise<ActionResult<unknown>>) => async () => {
    const result = await run();
    if (result.ok) router.refresh();
    return result;
  };
  return (
    <div className="flex gap-1">
      <ConfirmAction
        triggerLabel="New URL"
        title="Replace this receiver URL?"
        description="The current URL answers 404 from now on; give the provider the new one."
        confirmLabel="Replace URL"
        successMessage="Receiver URL replaced"
        action={refreshAfter(() => rotateReceiverUrlAction(tenantSlug, { id }))}
      />
      <ConfirmAction
        triggerLabel="Delete"
        title="Delete this receiver?"
        description="Its URL answers 404 from now on, and its received events are deleted."
        confirmLabel="Delete receiver"
        successMessage="Receiver deleted"
        action={refreshAfter(() => deleteReceiverAction(tenantSlug, { id }))}
      />
    </div>
  );
}
