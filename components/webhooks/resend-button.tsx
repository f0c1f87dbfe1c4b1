"use client";

import { useTransition } from "react";
import { resendDeliveryAction } from "@/app/t/[tenant]/webhooks/actions";
import { Button, useToast } from "@/components/ui";

export function ResendButton({ tenantSlug, id }: { tenantSlug: string; id: string }) {
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await resendDeliveryAction(tenantSlug, { id });
          if (!result.ok) return toast({ tone: "danger", title: result.error });
          toast({ tone: "success", title: "Resend queued" });
        })
      }
    >
      {pending ? "Queuing…" : "Resend"}
    </Button>
  );
}
