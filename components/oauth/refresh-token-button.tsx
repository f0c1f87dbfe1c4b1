"use client";

import { useTransition } from "react";
import { refreshTokenAction } from "@/app/t/[tenant]/integrations/[id]/oauth/actions";
import { Button, useToast } from "@/components/ui";

export function RefreshTokenButton({ tenantSlug, integrationId }: { tenantSlug: string; integrationId: string }) {
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const refresh = () =>
    startTransition(async () => {
      const result = await refreshTokenAction(tenantSlug, { id: integrationId });
      if (result.ok) toast({ tone: "success", title: "Access token refreshed" });
      else toast({ tone: "danger", title: "The refresh failed", description: result.error });
    });
  return (
    <Button variant="secondary" size="sm" onClick={refresh} disabled={pending}>
      {pending ? "Refreshing…" : "Refresh now"}
    </Button>
  );
}
