"use client";

import { Alert, Button } from "@/components/ui";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { signInAction } from "@/app/(auth)/login/actions";
import { signInSchema } from "@/lib/tenancy/schema";

export function LoginForm({ next, email }: { next?: string; email?: string }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: signInSchema,
    defaultValues: { email: email ?? "", password: "" },
    action: (values) => signInAction(values, next),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <TextField form={form} name="email" label="Email" type="email" autoComplete="username" autoFocus={!email} />
      <TextField form={form} name="password" label="Password" type="password" autoComplete="current-password" autoFocus={Boolean(email)} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
