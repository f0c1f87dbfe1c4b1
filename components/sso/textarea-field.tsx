"use client";

import type { FieldValues } from "react-hook-form";
import { fieldState, type FormFieldProps } from "@/components/forms/field-props";
import { Field, fieldAria, Textarea } from "@/components/ui";

export function TextareaField<V extends FieldValues>({ form, name, label, hint, rows = 4 }: FormFieldProps<V> & { rows?: number }) {
  const { id, error } = fieldState({ form, name });
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Textarea rows={rows} spellCheck={false} className="font-mono text-xs" {...fieldAria(id, error, hint)} {...form.register(name)} />
    </Field>
  );
}
