"use client";

import { useState, useTransition } from "react";
import { replayFailedAction } from "@/app/t/[tenant]/webhooks/actions";
import { Button, Field, Input, useToast } from "@/components/ui";

/** "Replay failed since…": the moment is picked in local time and sent as UTC. */
export function ReplayFailedForm({ tenantSlug, id }: { tenantSlug: string; id: string }) {
  const { toast } = useToast();
  const [since, setSince] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const at = new Date(since);
        if (!since || Number.isNaN(at.getTime())) return setError("Pick a date and time.");
        setError(undefined);
        startTransition(async () => {
          const result = await replayFailedAction(tenantSlug, { id, since: at.toISOString() });
          if (!result.ok) return setError(result.fieldErrors?.since ?? result.error);
          toast({
            tone: "success",
            title: result.data.replayed === 1 ? "1 failed delivery queued again" : `${result.data.replayed} failed deliveries queued again`,
          });
        });
      }}
    >
      <Field label="Replay failed since" htmlFor="replay-since" error={error}>
        <Input
          id="replay-since"
          type="datetime-local"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Replaying…" : "Replay"}
      </Button>
    </form>
  );
}
