"use client";

import { useState } from "react";
import { rotateEndpointSecretAction } from "@/app/t/[tenant]/webhooks/actions";
import { useDialog } from "@/components/forms/use-dialog";
import { GracePeriodField } from "@/components/forms/grace-period-field";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { SecretReveal } from "./secret-reveal";

const GRACE_HINT = "Both secrets sign every delivery meanwhile. 0 retires the old one at once; at most 720.";

/** Asks first, with a grace period, as rotating an API key does; then shows the new secret once. */
export function RotateSecretDialog({ tenantSlug, id }: { tenantSlug: string; id: string }) {
  const [hours, setHours] = useState("24");
  const [error, setError] = useState<{ form: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [rotated, setRotated] = useState<{ secret: string; note: string } | null>(null);

  const rotate = async (event: React.FormEvent) => {
    event.preventDefault();
    setPending(true);
    const result = await rotateEndpointSecretAction(tenantSlug, { id, grace_period_hours: Number(hours) });
    setPending(false);
    if (!result.ok) return setError({ form: result.error, field: result.fieldErrors?.grace_period_hours });
    const until = result.data.previous_secret_expires_at;
    setRotated({
      secret: result.data.secret,
      note: until
        ? `The previous secret keeps signing beside it until ${new Date(until).toLocaleString()}.`
        : "The previous secret no longer signs.",
    });
  };

  const dialog = useDialog(() => {
    setRotated(null);
    setError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">Rotate secret</Button>
      </DialogTrigger>
      {rotated ? (
        <SecretReveal secret={rotated.secret} note={rotated.note} />
      ) : (
        <DialogContent
          title="Rotate the signing secret?"
          description="A new secret signs every delivery from now on; the receiving system needs it."
        >
          <form onSubmit={rotate} noValidate className="grid gap-4">
            {error && <Alert tone="danger">{error.form}</Alert>}
            <GracePeriodField
              id="field-secret-grace"
              label="Keep the old secret signing for (hours)"
              hint={GRACE_HINT}
              value={hours}
              onChange={setHours}
              error={error?.field}
            />
            <DialogActions label="Rotate secret" pendingLabel="Rotating…" pending={pending} cancel />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
