"use client";

import { useTransition } from "react";
import { setIntegrationEnabledAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { Button, useToast } from "@/components/ui";

export function EnableToggle({ tenantSlug, id, name, enabled }: { tenantSlug: string; id: string; name: string; enabled: boolean }) {
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const toggle = () =>
    startTransition(async () => {
      const result = await setIntegrationEnabledAction(tenantSlug, { id, enabled: !enabled });
      if (result.ok) toast({ tone: "success", title: `“${name}” ${enabled ? "disabled" : "enabled"}` });
      else toast({ tone: "danger", title: "Not changed", description: result.error });
    });
  return (
    <Button variant="secondary" onClick={toggle} disabled={pending}>
      {pending ? "Saving…" : enabled ? "Disable" : "Enable"}
    </Button>
  );
}
