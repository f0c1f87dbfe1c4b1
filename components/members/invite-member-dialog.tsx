"use client";

import { useState } from "react";
import { inviteMemberAction } from "@/app/t/[tenant]/settings/members/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui";
import { inviteMemberSchema } from "@/lib/tenancy/schema";
import { LinkReveal, type IssuedLink } from "./link-reveal";
import { ROLE_OPTIONS } from "./role-options";

/** Admins invite admins and viewers; owners may also invite owners. */
export function InviteMemberDialog({ tenantSlug, canInviteOwners }: { tenantSlug: string; canInviteOwners: boolean }) {
  const [issued, setIssued] = useState<(IssuedLink & { email: string }) | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: inviteMemberSchema,
    defaultValues: { email: "", role: "viewer" },
    action: (values) => inviteMemberAction(tenantSlug, values),
    onSuccess: (data, values) => setIssued({ ...data, email: values.email.trim().toLowerCase() }),
  });
  const dialog = useDialog(() => {
    setIssued(null);
    form.reset();
    setFormError(null);
  });
  const roles = canInviteOwners ? ROLE_OPTIONS : ROLE_OPTIONS.filter((o) => o.value !== "owner");
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Invite member</Button>
      </DialogTrigger>
      {issued ? (
        <LinkReveal
          issued={issued}
          to={issued.email}
          title="Invitation link"
          purpose={`${issued.email} opens this link to choose their name and password, or to sign in, and joins.`}
        />
      ) : (
        <DialogContent title="Invite member" description="They get a link to join: nobody shares a password.">
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <TextField form={form} name="email" label="Email" type="email" autoComplete="off" autoFocus />
            <SelectField form={form} name="role" label="Role" options={roles} />
            <DialogActions label="Create invitation" pendingLabel="Inviting…" pending={form.formState.isSubmitting} />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
