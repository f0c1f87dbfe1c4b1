"use client";

import { completePasswordResetAction } from "@/app/(auth)/reset-password/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button } from "@/components/ui";
import { completePasswordResetSchema, PASSWORD_RULE } from "@/lib/tenancy/schema";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: completePasswordResetSchema,
    defaultValues: { password: "" },
    action: (values) => completePasswordResetAction(token, values),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        form={form}
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULE}
        autoFocus
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
