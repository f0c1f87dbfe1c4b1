"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  deleteEndpointAction,
  rotateEndpointSecretAction,
  sendTestEventAction,
  updateEndpointAction,
} from "@/app/t/[tenant]/webhooks/actions";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Button, Dialog, useToast } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";
import { SecretReveal } from "./secret-reveal";

type Props = { tenantSlug: string; id: string; url: string; enabled: boolean };

export function EndpointActions({ tenantSlug, id, url, enabled }: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [secret, setSecret] = useState<string | null>(null);

  const run = <T,>(action: () => Promise<ActionResult<T>>, success: string, then?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return toast({ tone: "danger", title: result.error });
      toast({ tone: "success", title: success });
      then?.(result.data);
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
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            () => rotateEndpointSecretAction(tenantSlug, { id }),
            "Secret rotated",
            (d) => setSecret(d.secret),
          )
        }
      >
        Rotate secret
      </Button>
      <Dialog open={secret !== null} onOpenChange={(open) => !open && setSecret(null)}>
        {secret && <SecretReveal secret={secret} note="The previous secret keeps signing beside it for 24 hours." />}
      </Dialog>
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
