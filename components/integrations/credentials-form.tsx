"use client";

import { replaceCredentialsAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { SelectField } from "@/components/forms/select-field";
import { Alert, Button, useToast } from "@/components/ui";
import { emptyCredentials, toReplaceCredentialsInput, type CredentialsFormValues } from "@/lib/integrations/form-values";
import { replaceCredentialsSchema } from "@/lib/integrations/schema";
import { getProvider, type AuthType } from "@/lib/providers";
import { CredentialFields } from "./credential-fields";
import { AUTH_LABELS } from "./labels";
import { useIntegrationForm } from "./use-integration-form";

type Props = { tenantSlug: string; id: string; providerKey: string; authType: AuthType };

/** Write-only: the form starts empty every time, and saving replaces the stored secret without reading it. */
export function CredentialsForm({ tenantSlug, id, providerKey, authType }: Props) {
  const provider = getProvider(providerKey)!;
  const { toast } = useToast();
  const { form, onSubmit, formError } = useIntegrationForm({
    defaultValues: { auth_type: authType, credentials: emptyCredentials() } satisfies CredentialsFormValues,
    schema: replaceCredentialsSchema,
    toInput: (values: CredentialsFormValues) => toReplaceCredentialsInput(providerKey, values),
    action: (credentials) => replaceCredentialsAction(tenantSlug, { id, credentials }),
    onSuccess: () => {
      form.reset({ auth_type: form.getValues("auth_type"), credentials: emptyCredentials() });
      toast({ tone: "success", title: "Credentials replaced", description: "Test the connection to check them." });
    },
  });
  const chosen = form.watch("auth_type");
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      {provider.authModes.length > 1 && (
        <SelectField
          form={form}
          name="auth_type"
          label="Authentication"
          options={provider.authModes.map((m) => ({ value: m, label: AUTH_LABELS[m] }))}
        />
      )}
      <CredentialFields form={form} provider={provider} authType={chosen} />
      <div className="flex justify-end">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Replace credentials"}
        </Button>
      </div>
    </form>
  );
}
