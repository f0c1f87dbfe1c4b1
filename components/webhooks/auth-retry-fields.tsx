"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { Field, fieldAria, Input, Select } from "@/components/ui";
import { HMAC_SIGNATURE_HEADER, type EndpointAuthType } from "@/lib/webhooks/endpoint-options";
import type { CreateEndpointInput } from "@/lib/webhooks/schema";

type Form = UseFormReturn<CreateEndpointInput, unknown, FieldValues>;

const AUTH_OPTIONS: { value: EndpointAuthType; label: string }[] = [
  { value: "none", label: "Signature only (Standard Webhooks)" },
  { value: "basic", label: "Basic auth" },
  { value: "bearer", label: "Bearer token" },
  { value: "hmac", label: `HMAC-SHA256 of the body in ${HMAC_SIGNATURE_HEADER}` },
];

const EMPTY_CREDENTIALS = { username: "", password: "", token: "", secret: "" };
const nullableNumber = { setValueAs: (v: unknown) => (v === "" || v === null ? null : Number(v)) };

function NumberField({
  form,
  name,
  label,
  hint,
}: {
  form: Form;
  name: "retry_policy.max_retries" | "retry_policy.first_delay_seconds";
  label: string;
  hint: string;
}) {
  const id = `field-${name.replaceAll(".", "-")}`;
  const [group, key] = name.split(".") as ["retry_policy", "max_retries" | "first_delay_seconds"];
  const error = form.formState.errors[group]?.[key]?.message;
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input type="number" min={0} {...fieldAria(id, error, hint)} {...form.register(name, nullableNumber)} />
    </Field>
  );
}

/**
 * How deliveries authenticate and retry. `stored`: the edit form's endpoint has credentials of
 * that type; leaving them empty keeps them.
 */
export function AuthRetryFields({ form, stored }: { form: Form; stored?: { type: EndpointAuthType; hint: string } | null }) {
  const type = form.watch("auth_type") ?? "none";
  const keep = stored && stored.type === type ? ` Leave empty to keep the stored one (${stored.hint}).` : "";
  return (
    <>
      <SelectField
        form={form}
        name="http_method"
        label="HTTP method"
        options={[
          { value: "POST", label: "POST" },
          { value: "PUT", label: "PUT" },
        ]}
      />
      <Field
        label="Authentication"
        htmlFor="field-auth_type"
        hint="Every delivery is signed per Standard Webhooks; this adds your endpoint's own check."
      >
        <Select
          id="field-auth_type"
          {...form.register("auth_type", {
            // Credentials typed for another type would be refused as not belonging to this one.
            onChange: () => form.setValue("auth_credentials", EMPTY_CREDENTIALS),
          })}
        >
          {AUTH_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      {type === "basic" && (
        <>
          <TextField form={form} name="auth_credentials.username" label="Username" autoComplete="off" />
          <TextField
            form={form}
            name="auth_credentials.password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint={`Stored encrypted, never shown again.${keep}`}
          />
        </>
      )}
      {type === "bearer" && (
        <TextField
          form={form}
          name="auth_credentials.token"
          label="Bearer token"
          type="password"
          autoComplete="off"
          hint={`Sent as Authorization: Bearer …; stored encrypted.${keep}`}
        />
      )}
      {type === "hmac" && (
        <TextField
          form={form}
          name="auth_credentials.secret"
          label="HMAC secret"
          type="password"
          autoComplete="off"
          hint={`At least 16 characters. Each delivery carries ${HMAC_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body>.${keep}`}
        />
      )}
      <fieldset className="grid gap-3 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">Retries</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 shrink-0 accent-primary" {...form.register("retry_policy.enabled")} />
          Retry failed deliveries
        </label>
        <NumberField
          form={form}
          name="retry_policy.max_retries"
          label="Max retries (optional)"
          hint="Empty: 7, as in the default schedule."
        />
        <NumberField
          form={form}
          name="retry_policy.first_delay_seconds"
          label="First delay in seconds (optional)"
          hint="Empty: the default schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). Set: that wait, doubling after each retry, at most 10 h."
        />
      </fieldset>
    </>
  );
}
