"use client";

import { changePasswordAction } from "@/app/t/[tenant]/account/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, useToast } from "@/components/ui";
import { changePasswordSchema, PASSWORD_RULE } from "@/lib/tenancy/schema";

export function ChangePasswordForm({ email }: { email: string }) {
  const { toast } = useToast();
  const { form, onSubmit, formError } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", newPassword: "" },
    action: changePasswordAction,
    onSuccess: () => {
      form.reset();
      toast({ tone: "success", title: "Password changed", description: "Your other sessions have been signed out." });
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-md gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField form={form} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
      <TextField form={form} name="newPassword" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} />
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
