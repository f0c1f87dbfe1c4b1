"use client";

import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { continueWithEmailAction, signInAction } from "@/app/(auth)/login/actions";
import { emailStepSchema } from "@/lib/sso/schema";
import { signInSchema } from "@/lib/tenancy/schema";

/**
 * Email first: an address in a domain an organisation verified for SSO goes to its identity
 * provider; any other gets the password field. `passwordFirst` skips the email step (break-glass owners).
 */
export function LoginForm({ next, email, passwordFirst }: { next?: string; email?: string; passwordFirst?: boolean }) {
  const [chosenEmail, setChosenEmail] = useState<string | null>(passwordFirst || email ? (email ?? "") : null);
  return chosenEmail === null ? (
    <EmailStep next={next} onPassword={setChosenEmail} />
  ) : (
    <PasswordStep next={next} email={chosenEmail} onChangeEmail={passwordFirst ? undefined : () => setChosenEmail(null)} />
  );
}

function EmailStep({ next, onPassword }: { next?: string; onPassword: (email: string) => void }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: emailStepSchema,
    defaultValues: { email: "" },
    action: (values) => continueWithEmailAction(values, next),
    onSuccess: (_data, values) => onPassword(values.email.trim()),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <TextField form={form} name="email" label="Email" type="email" autoComplete="username" autoFocus />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Checking…" : "Continue"}
      </Button>
    </form>
  );
}

function PasswordStep({ next, email, onChangeEmail }: { next?: string; email: string; onChangeEmail?: () => void }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: signInSchema,
    defaultValues: { email, password: "" },
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
      {onChangeEmail && (
        <Button type="button" variant="ghost" size="sm" onClick={onChangeEmail}>
          Use another email
        </Button>
      )}
    </form>
  );
}
