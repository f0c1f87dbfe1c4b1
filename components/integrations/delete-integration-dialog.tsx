"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { deleteIntegrationAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, Field, Input, useToast } from "@/components/ui";

/** Deleting asks for the integration's name to be typed, so the wrong one is not removed by a stray click. */
export function DeleteIntegrationDialog({ tenantSlug, id, name }: { tenantSlug: string; id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const { toast } = useToast();
  const inputId = useId();

  const confirm = () =>
    startTransition(async () => {
      const result = await deleteIntegrationAction(tenantSlug, { id });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      toast({ tone: "success", title: `“${name}” deleted` });
      router.push(`/t/${tenantSlug}/integrations`);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTyped("");
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="danger">Delete</Button>
      </DialogTrigger>
      <DialogContent
        title={`Delete “${name}”?`}
        description="Its credentials, settings and request log are removed. Calls to it stop. This cannot be undone."
      >
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === name) confirm();
          }}
        >
          {error && <Alert tone="danger">{error}</Alert>}
          <Field label={`Type ${name} to confirm`} htmlFor={inputId}>
            <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <DialogActions
            label="Delete integration"
            pendingLabel="Deleting…"
            pending={pending}
            disabled={typed !== name}
            variant="danger"
            cancel
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
