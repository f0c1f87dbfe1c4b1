"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Field, fieldAria, Textarea } from "@/components/ui";
import type { CreateEndpointInput } from "@/lib/webhooks/schema";

const HINT = "One per line, as Name: value. Values are stored encrypted and never shown again.";

/** Custom headers typed as lines, kept in the form as the record the schema checks. */
export function HeadersField({ form, hint = HINT }: { form: UseFormReturn<CreateEndpointInput, unknown, FieldValues>; hint?: string }) {
  const [text, setText] = useState("");
  const errors = form.formState.errors.headers as Record<string, { message?: string }> | { message?: string } | undefined;
  const message =
    errors &&
    ("message" in errors && typeof errors.message === "string" ? errors.message : Object.values(errors).find((e) => e?.message)?.message);
  return (
    <Field label="Custom headers (optional)" htmlFor="field-headers" hint={hint} error={message}>
      <Textarea
        rows={2}
        value={text}
        {...fieldAria("field-headers", message, hint)}
        onChange={(event) => {
          setText(event.target.value);
          const record: Record<string, string> = {};
          for (const line of event.target.value.split("\n")) {
            const colon = line.indexOf(":");
            if (line.trim() === "") continue;
            record[(colon === -1 ? line : line.slice(0, colon)).trim()] = colon === -1 ? "" : line.slice(colon + 1).trim();
          }
          form.setValue("headers", record, { shouldValidate: form.formState.isSubmitted });
        }}
      />
    </Field>
  );
}
