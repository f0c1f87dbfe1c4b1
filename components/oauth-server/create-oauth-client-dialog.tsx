"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { createOAuthClientAction } from "@/app/t/[tenant]/settings/oauth-apps/actions";
import { ScopeCheckboxes } from "@/components/api-keys/scope-checkboxes";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTrigger, Field, fieldAria, ShownOnce, Textarea } from "@/components/ui";
import { createOAuthClientSchema, GRANT_TYPES } from "@/lib/oauth-server/schema";

const REDIRECT_HINT = "One per line, matched exactly. https, or http on 127.0.0.1, [::1] or localhost.";
const GRANT_LABELS: Record<(typeof GRANT_TYPES)[number], string> = {
  authorization_code: "Authorization code with PKCE (an admin consents)",
  refresh_token: "Refresh tokens (with the authorization code)",
  client_credentials: "Client credentials (acts for this organisation; confidential apps only)",
};

export type CreatedClient = { name: string; client_id: string; client_secret: string | null };

/** The app's credentials, once: the client id is public, the secret never shown again. */
export function ClientReveal({ created }: { created: CreatedClient }) {
  if (!created.client_secret)
    return (
      <ShownOnce
        title="Your new OAuth app"
        description="A public app has no secret; it proves itself with PKCE."
        warning={`Configure “${created.name}” with this client id.`}
        secret={created.client_id}
        copyLabel="Copy client id"
        testId="new-oauth-client-id"
      />
    );
  return (
    <ShownOnce
      title="Your new client secret"
      description={`Client id: ${created.client_id}. Copy the secret now: it is shown only once and cannot be recovered.`}
      warning={`Store the secret of “${created.name}” somewhere safe, such as the app’s secret store.`}
      secret={created.client_secret}
      copyLabel="Copy secret"
      testId="new-oauth-client-secret"
    />
  );
}

function GrantCheckboxes({ form }: { form: UseFormReturn<FieldValues> }) {
  const error = (form.formState.errors as { grant_types?: { message?: string } }).grant_types?.message;
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "field-grant_types-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">Grant types</legend>
      {GRANT_TYPES.map((grant) => (
        <label key={grant} className="flex items-start gap-2 text-sm">
          <input type="checkbox" value={grant} className="mt-1 size-4 shrink-0 accent-primary" {...form.register("grant_types")} />
          <span>
            <code className="font-mono">{grant}</code>
            <span className="block text-muted-foreground">{GRANT_LABELS[grant]}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="field-grant_types-error" role="alert" className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function CreateOAuthClientDialog({ tenantSlug }: { tenantSlug: string }) {
  const [created, setCreated] = useState<CreatedClient | null>(null);
  const { form, onSubmit, formError, setFormError } = useActionForm({
    schema: createOAuthClientSchema,
    defaultValues: {
      name: "",
      type: "confidential",
      redirect_uris: "",
      scopes: ["integrations:read"],
      grant_types: ["authorization_code", "refresh_token"],
      rate_limit_per_minute: 600,
      rate_limit_per_hour: 20000,
    },
    action: (values) => createOAuthClientAction(tenantSlug, values),
    onSuccess: (data) => setCreated({ name: data.client.name, client_id: data.client.client_id, client_secret: data.clientSecret }),
  });
  const errors = form.formState.errors;
  const dialog = useDialog(() => {
    setCreated(null);
    form.reset();
    setFormError(null);
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>Register app</Button>
      </DialogTrigger>
      {created ? (
        <ClientReveal created={created} />
      ) : (
        <DialogContent title="Register OAuth app" description="An app that obtains access tokens for /api/v1 from Patchbay.">
          <form onSubmit={onSubmit} noValidate className="grid max-h-[70vh] gap-4 overflow-y-auto pr-1">
            {formError && <Alert tone="danger">{formError}</Alert>}
            <TextField form={form} name="name" label="Name" hint="Shown to admins on the consent page." autoFocus />
            <SelectField
              form={form}
              name="type"
              label="Type"
              hint="Confidential apps run on a server and keep a secret; public apps (browser, mobile, CLI) have none."
              options={[
                { value: "confidential", label: "Confidential (has a secret)" },
                { value: "public", label: "Public (no secret, PKCE only)" },
              ]}
            />
            <Field label="Redirect URIs" htmlFor="field-redirect_uris" hint={REDIRECT_HINT} error={errors.redirect_uris?.message}>
              <Textarea
                rows={2}
                {...fieldAria("field-redirect_uris", errors.redirect_uris?.message, REDIRECT_HINT)}
                {...form.register("redirect_uris")}
              />
            </Field>
            <ScopeCheckboxes form={form} />
            <GrantCheckboxes form={form as unknown as UseFormReturn<FieldValues>} />
            <DialogActions label="Register app" pendingLabel="Registering…" pending={form.formState.isSubmitting} />
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
