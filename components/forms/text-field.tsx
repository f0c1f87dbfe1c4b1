"use client";

import type { FieldValues, Path, RegisterOptions, UseFormReturn } from "react-hook-form";
import { Field, fieldAria, Input } from "@/components/ui";

type Props<V extends FieldValues> = {
  form: UseFormReturn<V, unknown, FieldValues>;
  name: Path<V>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  autoFocus?: boolean;
  options?: RegisterOptions<V, Path<V>>;
};

export function TextField<V extends FieldValues>({ form, name, label, hint, type = "text", autoComplete, autoFocus, options }: Props<V>) {
  const id = `field-${name}`;
  const error = form.formState.errors[name]?.message as string | undefined;
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input type={type} autoComplete={autoComplete} autoFocus={autoFocus} {...fieldAria(id, error, hint)} {...form.register(name, options)} />
    </Field>
  );
}
