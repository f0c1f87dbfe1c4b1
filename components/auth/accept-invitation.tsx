"use client";

import { useState, useTransition } from "react";
import { acceptAsUserAction, acceptWithPasswordAction } from "@/app/(auth)/invite/actions";
import { continueWithEmailAction } from "@/app/(auth)/login/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button } from "@/components/ui";
import { acceptInvitationSchema, PASSWORD_RULE } from "@/lib/tenancy/schema";

/** No account yet: the invitee chooses their name and password, and is signed in. */
export function AcceptWithPasswordForm({ token, email }: { token: string; email: string }) {
  const { form, onSubmit, formError } = useActionForm({
    schema: acceptInvitationSchema,
    defaultValues: { name: "", password: "" },
    action: (values) => acceptWithPasswordAction(token, values),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
      <TextField form={form} name="password" label="Password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}

/** A one-button step (join as the signed-in account, or go to the identity provider) that shows the server's refusal. */
export function InvitationStep({ token, email, kind }: { token: string; email: string; kind: "join" | "sso" }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const result = kind === "join" ? await acceptAsUserAction(token) : await continueWithEmailAction({ email }, `/invite/${token}`);
      // The SSO step answers "password" only when no identity provider claims the domain any more.
      if (!result.ok) setError(result.error);
      else setError("Your organisation no longer signs in through single sign-on here: reload this page.");
    });
  return (
    <div className="grid gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Button type="button" onClick={run} disabled={pending}>
        {kind === "join" ? (pending ? "Joining…" : "Join") : pending ? "Redirecting…" : "Continue with single sign-on"}
      </Button>
    </div>
  );
}
