"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { TextField } from "@/components/forms/text-field";
import { Field, fieldAria, Input } from "@/components/ui";
import type { EndpointAuthType } from "@/lib/webhooks/endpoint-options";
import type { CreateEndpointInput } from "@/lib/webhooks/schema";
import { AuthRetryFields } from "./auth-retry-fields";
import { EventCheckboxes } from "./event-checkboxes";
import { HeadersField } from "./headers-field";

/** What an endpoint is made of, for adding one and for editing it. */
export function EndpointFields({
  form,
  allowHttp,
  headersHint,
  storedAuth,
}: {
  form: UseFormReturn<CreateEndpointInput, unknown, FieldValues>;
  allowHttp: boolean;
  headersHint?: string;
  storedAuth?: { type: EndpointAuthType; hint: string } | null;
}) {
  const error = form.formState.errors.rate_limit_per_second?.message;
  return (
    <>
      <TextField form={form} name="url" label="Endpoint URL" hint={allowHttp ? "http:// or https://" : "Must be https://"} autoFocus />
      <TextField form={form} name="description" label="Description (optional)" />
      <EventCheckboxes form={form} />
      <HeadersField form={form} hint={headersHint} />
      <Field label="Rate limit (deliveries per second, optional)" htmlFor="field-rate_limit_per_second" error={error}>
        <Input
          type="number"
          min={1}
          {...fieldAria("field-rate_limit_per_second", error)}
          {...form.register("rate_limit_per_second", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
        />
      </Field>
      <AuthRetryFields form={form} stored={storedAuth} />
    </>
  );
}
