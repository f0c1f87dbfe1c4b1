"use client";

import { useState } from "react";
import { rotateApiKeyAction } from "@/app/t/[tenant]/settings/api-keys/actions";
import { GracePeriodField } from "@/components/forms/grace-period-field";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { useDialog } from "@/components/forms/use-dialog";
import { NewKeyReveal } from "./new-key-reveal";

const GRACE_HINT = "0 ends it at once; at most 720.";

export function RotateApiKeyDialog({
  tenantSlug,
  id,
  name,
  disabled,
}: {
  tenantSlug: string;
  id: string;
  name: string;
  disabled?: boolean;
}) {
  const [hours, setHours] = useState("24");
  const [error, setError] = useState<{ form: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [rotated, setRotated] = useState<{ key: string; until: string } | null>(null);

  const rotate = async (event: React.FormEvent) => {
    event.preventDefault();
    setPending(true);
    const result = await rotateApiKeyAction(tenantSlug, { id, grace_period_hours: Number(hours) });
    setPending(false);
    if (result.ok) setRotated({ key: result.data.key, until: new Date(result.data.oldKeyValidUntil).toLocaleString() });
    else setError({ form: result.error, field: result.fieldErrors?.grace_period_hours });
  };

  const dialog = useDialog(() => {
    setRotated(null);
    setError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Rotate ${name}`}
          disabled={disabled}
          title={disabled ? "Already rotated: its replacement is listed above" : undefined}
        >
          Rotate
        </Button>
      </DialogTrigger>
      {rotated ? (
        <NewKeyReveal name={name} secret={rotated.key} note={`The old key keeps working until ${rotated.until}.`} />
      ) : (
        <DialogContent title={`Rotate “${name}”?`} description="A new key with the same scopes, limits and expiry replaces this one.">
          <form onSubmit={rotate} noValidate className="grid gap-4">
            {error && <Alert tone="danger">{error.form}</Alert>}
            <GracePeriodField
              id="field-grace"
              label="Keep the old key working for (hours)"
              hint={GRACE_HINT}
              value={hours}
              onChange={setHours}
              error={error?.field}
            />
            <DialogActions label="Rotate key" pendingLabel="Rotating…" pending={pending} />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
