"use client";

import { useState, useTransition } from "react";
import { issuePasswordResetAction } from "@/app/t/[tenant]/settings/members/actions";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { LinkReveal, type IssuedLink } from "./link-reveal";

/** An owner issues a one-time link for a member to choose a new password; the current one keeps working until it is used. */
export function ResetPasswordButton({ tenantSlug, userId, email }: { tenantSlug: string; userId: string; email: string }) {
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const issue = () =>
    startTransition(async () => {
      const result = await issuePasswordResetAction(tenantSlug, { userId });
      if (result.ok) setIssued(result.data);
      else setError(result.error);
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
        if (!next) setIssued(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Reset the password of ${email}`}>
          Reset password
        </Button>
      </DialogTrigger>
      {issued ? (
        <LinkReveal issued={issued} to={email} title="Password reset link" purpose={`${email} opens this link to choose a new password.`} />
      ) : (
        <DialogContent
          title={`Reset the password of ${email}?`}
          description="You get a one-time link to give them. Their current password keeps working until they use it; then their other sessions end."
        >
          {error && <Alert tone="danger">{error}</Alert>}
          <DialogActions label="Create reset link" pendingLabel="Working…" pending={pending} cancel onConfirm={issue} />
        </DialogContent>
      )}
    </Dialog>
  );
}
