"use client";

import type { UseFormReturn } from "react-hook-form";
import { TextField } from "@/components/forms/text-field";
import type { CredentialsFormValues } from "@/lib/integrations/form-values";
import { credentialFieldsFor, type AuthType, type CredentialField, type Provider } from "@/lib/providers";

/** Which API-key placement fields to offer: the one the provider uses, or both for a custom API. */
function visible(provider: Provider, field: CredentialField): boolean {
  if (field.name === "api_key_header") return provider.apiKey?.in !== "query";
  if (field.name === "api_key_param") return provider.apiKey?.in !== "header";
  return true;
}

function placementHint(provider: Provider, field: CredentialField): string | undefined {
  const usual = provider.apiKey;
  if (field.name === "api_key_header" && usual?.in === "header") return `Empty: ${provider.name}'s usual ${usual.name} header.`;
  if (field.name === "api_key_param" && usual?.in === "query") return `Empty: ${provider.name}'s usual ?${usual.name}= parameter.`;
  return field.help;
}

/** The credential inputs for one auth type; secrets are password inputs that are never pre-filled. */
export function CredentialFields({
  form,
  provider,
  authType,
}: {
  form: UseFormReturn<CredentialsFormValues>;
  provider: Provider;
  authType: AuthType;
}) {
  const fields = credentialFieldsFor(provider, authType).filter((f) => visible(provider, f));
  if (authType === "none") return <p className="text-sm text-muted-foreground">Requests go out without credentials.</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((field) => (
        <TextField
          key={`${authType}-${field.name}`}
          form={form}
          name={`credentials.${field.name}`}
          label={field.optional ? `${field.label} (optional)` : field.label}
          hint={placementHint(provider, field)}
          type={field.secret ? "password" : "text"}
          autoComplete={field.secret ? "new-password" : "off"}
        />
      ))}
      {authType === "oauth2" && (
        <p className="text-sm text-muted-foreground sm:col-span-2">
          Save the client here; connecting the account (the consent screen) happens on the OAuth tab.
        </p>
      )}
    </div>
  );
}
