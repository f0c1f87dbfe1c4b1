"use client";

import { useTransition } from "react";
import { checkNowAction } from "@/app/t/[tenant]/health/actions";
import { Button, useToast } from "@/components/ui";
import { formatMs, STATUS_LABEL } from "./format";

export function CheckNowButton({ tenantSlug, integrationId }: { tenantSlug: string; integrationId: string }) {
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const run = () =>
    startTransition(async () => {
      const result = await checkNowAction(tenantSlug, integrationId);
      if (!result.ok) {
        toast({ tone: "danger", title: "The check could not run", description: result.error });
        return;
      }
      const { check, status } = result.data;
      toast({
        tone: check.outcome === "success" ? "success" : "danger",
        title:
          check.outcome === "success"
            ? `Check succeeded in ${formatMs(check.response_time_ms)}`
            : `Check ${check.outcome === "timeout" ? "timed out" : "failed"}`,
        description: `${check.error ? `${check.error} ` : ""}Status: ${STATUS_LABEL[status]}.`,
      });
    });
  return (
    <Button onClick={run} disabled={pending}>
      {pending ? "Checking…" : "Check now"}
    </Button>
  );
}
