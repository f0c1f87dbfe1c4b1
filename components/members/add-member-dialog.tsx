"use client";

import { addMemberAction } from "@/app/t/[tenant]/settings/members/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, useToast } from "@/components/ui";
import { addMemberSchema, PASSWORD_RULE } from "@/lib/tenancy/schema";
import { ROLE_OPTIONS } from "./role-options";

export function AddMemberDialog({ tenantSlug }: { tenantSlug: string }) {
  const { toast } = useToast();
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: addMemberSchema,
    defaultValues: { email: "", name: "", role: "viewer", password: "" },
    action: (values) => addMemberAction(tenantSlug, values),
    onSuccess: (data, values) => {
      dialog.setOpen(false);
      form.reset();
      toast({
        tone: "success",
        title: `${values.email} added`,
        description: data.isNewAccount
          ? "Share the initial password with them securely."
          : "They already had an account and keep their password.",
      });
    },
  });
  const dialog = useDialog(() => {
    form.reset();
    setFormError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add member</Button>
      </DialogTrigger>
      <DialogContent title="Add member" description="They can sign in straight away with the initial password.">
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {formError && <Alert tone="danger">{formError}</Alert>}
          <TextField form={form} name="email" label="Email" type="email" autoComplete="off" autoFocus />
          <TextField form={form} name="name" label="Name" autoComplete="off" />
          <SelectField form={form} name="role" label="Role" options={ROLE_OPTIONS} />
          <TextField
            form={form}
            name="password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_RULE}
          />
          <DialogActions label="Add member" pendingLabel="Adding…" pending={form.formState.isSubmitting} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
