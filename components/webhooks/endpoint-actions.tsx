"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { deleteEndpointAction, sendTestEventAction, updateEndpointAction } from "@/app/t/[tenant]/webhooks/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Button, useToast } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";
import { RotateSecretDialog } from "./rotate-secret-dialog";

type Props = { tenantSlug: string; id: string; url: string; enabled: boolean };

export function EndpointActions({ tenantSlug, id, url, enabled }: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();

  const run = <T,>(action: () => Promise<ActionResult<T>>, success: string) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return toast({ tone: "danger", title: result.error });
      toast({ tone: "success", title: success });
    });

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        disabled={pending || !enabled}
        onClick={() => run(() => sendTestEventAction(tenantSlug, { id }), "Test event queued")}
      >
        Send test event
      </Button>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            () => updateEndpointAction(tenantSlug, { id, patch: { enabled: !enabled } }),
            enabled ? "Endpoint disabled" : "Endpoint enabled",
          )
        }
      >
        {enabled ? "Disable" : "Enable"}
      </Button>
      <RotateSecretDialog tenantSlug={tenantSlug} id={id} />
      <ConfirmAction
        triggerLabel="Delete"
        triggerAriaLabel={`Delete endpoint ${url}`}
        title="Delete this endpoint?"
        description="Nothing more is sent to it, and its delivery history goes with it."
        confirmLabel="Delete endpoint"
        successMessage="Endpoint deleted"
        action={async () => {
          const result = await deleteEndpointAction(tenantSlug, { id });
          if (result.ok) router.push(`/t/${tenantSlug}/webhooks`);
          return result;
        }}
      />
    </div>
  );
}
