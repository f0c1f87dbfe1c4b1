"use client";

import { useState, useTransition } from "react";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, useToast } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  triggerLabel: string;
  triggerAriaLabel?: string;
  title: string;
  description: string;
  confirmLabel: string;
  successMessage: string;
  action: () => Promise<ActionResult<unknown>>;
};

/** A destructive button that asks first and shows the server's refusal in the dialog. */
export function ConfirmAction({ triggerLabel, triggerAriaLabel, title, description, confirmLabel, successMessage, action }: Props) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();

  const confirm = () =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setOpen(false);
        toast({ tone: "success", title: successMessage });
      } else setError(result.error);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={triggerAriaLabel}>
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        {error && <Alert tone="danger">{error}</Alert>}
        <DialogActions label={confirmLabel} pendingLabel="Working…" pending={pending} variant="danger" cancel onConfirm={confirm} />
      </DialogContent>
    </Dialog>
  );
}
