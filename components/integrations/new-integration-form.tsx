"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import type { UseFormReturn } from "react-hook-form";
import { createIntegrationAction } from "@/app/t/[tenant]/integrations/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { Alert, Button, buttonClasses, Card, CardBody, CardHeader, useToast } from "@/components/ui";
import {
  needsOAuthEndpoints,
  newIntegrationValues,
  toCreateInput,
  type CredentialsFormValues,
  type SettingsFormValues,
} from "@/lib/integrations/form-values";
import { CREDENTIALS_WORDING } from "@/lib/integrations/credentials-wording";
import { createIntegrationSchema } from "@/lib/integrations/schema";
import { defaultBaseUrl, getProvider } from "@/lib/providers";
import { ConfigFields, ConnectionFields, OAuthEndpointFields } from "./config-fields";
import { CredentialFields } from "./credential-fields";
import { RedirectUri } from "@/components/oauth/redirect-uri";
import { AUTH_LABELS } from "./labels";
import { ProviderIcon } from "./provider-icon";
import { useIntegrationForm } from "./use-integration-form";

type Props = { tenantSlug: string; providerKey: string; allowHttp: boolean; redirectUri: string };

export function NewIntegrationForm({ tenantSlug, providerKey, allowHttp, redirectUri }: Props) {
  const provider = getProvider(providerKey)!;
  const router = useRouter();
  const { toast } = useToast();
  const base = `/t/${tenantSlug}/integrations`;
  const schema = useMemo(() => createIntegrationSchema({ allowHttp }), [allowHttp]);
  const { form, onSubmit, formError } = useIntegrationForm({
    defaultValues: newIntegrationValues(providerKey),
    schema,
    toInput: toCreateInput,
    action: (input) => createIntegrationAction(tenantSlug, input),
    onSuccess: (created) => {
      toast({ tone: "success", title: `“${created.name}” added`, description: "Test the connection to see what it returns." });
      router.push(`${base}/${created.id}`);
    },
  });
  const authType = form.watch("auth_type");
  const environment = form.watch("environment");
  // Changing the environment swaps a base URL still at the catalog's default for the other environment's; a typed one stays.
  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      if (name !== "environment" || !values.environment) return;
      const other = values.environment === "sandbox" ? "production" : "sandbox";
      const next = defaultBaseUrl(provider, values.environment);
      if (next && (values.base_url === "" || values.base_url === defaultBaseUrl(provider, other))) form.setValue("base_url", next);
    });
    return () => subscription.unsubscribe();
  }, [form, provider]);
  // The shared field groups edit the parts of these values they name.
  const settingsForm = form as unknown as UseFormReturn<SettingsFormValues>;
  const credentialsForm = form as unknown as UseFormReturn<CredentialsFormValues>;

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <Card>
        <CardHeader
          title="Connection"
          description={provider.description}
          action={
            <Link href={`${base}/new`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
              Choose another provider
            </Link>
          }
        />
        <CardBody className="grid gap-4">
          <div className="flex items-center gap-3">
            <ProviderIcon provider={provider} />
            <p className="font-medium">{provider.name}</p>
            {provider.docsUrl && (
              <a href={provider.docsUrl} target="_blank" rel="noreferrer" className="text-sm text-link underline-offset-4 hover:underline">
                {provider.name} API docs<span className="sr-only"> (opens in a new tab)</span>
              </a>
            )}
          </div>
          {provider.note && <Alert tone="info">{provider.note}</Alert>}
          {environment === "sandbox" && (provider.sandboxBaseUrl || provider.sandboxNote) && (
            <Alert tone="info">
              {provider.sandboxBaseUrl
                ? `Sandbox integrations call ${provider.name}'s test host, ${provider.sandboxBaseUrl}; change the base URL to use another.`
                : provider.sandboxNote}
            </Alert>
          )}
          <TextField form={form} name="name" label="Name" hint="Unique in this organisation, e.g. “Stripe (EU shop)”." />
          <ConnectionFields
            form={settingsForm}
            allowHttp={allowHttp}
            baseUrlHint={provider.baseUrlHint ?? defaultBaseUrl(provider, environment) ?? undefined}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Credentials" description={CREDENTIALS_WORDING} />
        <CardBody className="grid gap-4">
          {provider.authModes.length > 1 && (
            <SelectField
              form={form}
              name="auth_type"
              label="Authentication"
              options={provider.authModes.map((m) => ({ value: m, label: AUTH_LABELS[m] }))}
            />
          )}
          <CredentialFields form={credentialsForm} provider={provider} authType={authType} />
          {authType === "oauth2" && <RedirectUri uri={redirectUri} />}
          {needsOAuthEndpoints(provider.key) && <OAuthEndpointFields form={settingsForm} />}
          {authType !== "oauth2" && (
            <p className="text-sm text-muted-foreground">
              Receiver URLs, for the provider to post webhooks to, are made on the integration&apos;s Webhooks tab once it is saved.
            </p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title={provider.statusHints ? "Status and polling" : "Health checks and polling"}
          description={provider.statusHints?.note ?? "What to call to check the connection, and how often."}
        />
        <CardBody>
          <ConfigFields form={settingsForm} statusMapping={Boolean(provider.statusHints)} testEndpoint={provider.testEndpoint} />
        </CardBody>
      </Card>
      <div className="flex justify-end gap-2">
        <Link href={base} className={buttonClasses({ variant: "secondary" })}>
          Cancel
        </Link>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Adding…" : "Add integration"}
        </Button>
      </div>
    </form>
  );
}
