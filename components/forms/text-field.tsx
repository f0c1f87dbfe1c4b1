"use client";

import type { FieldValues, Path, RegisterOptions } from "react-hook-form";
import { Field, fieldAria, Input } from "@/components/ui";
import { fieldState, type FormFieldProps } from "./field-props";

type Props<V extends FieldValues> = FormFieldProps<V> & {
  type?: "text" | "email" | "password" | "number" | "url";
  placeholder?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  options?: RegisterOptions<V, Path<V>>;
};

export function TextField<V extends FieldValues>({
  form,
  name,
  label,
  hint,
  type = "text",
  autoComplete,
  autoFocus,
  placeholder,
  options,
}: Props<V>) {
  const { id, error } = fieldState({ form, name });
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input
        type={type}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        placeholder={placeholder}
        {...fieldAria(id, error, hint)}
        {...form.register(name, options)}
      />
    </Field>
  );
}
