"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field, fieldAria, Select } from "@/components/ui";

type Props<V extends FieldValues> = {
  form: UseFormReturn<V, unknown, FieldValues>;
  name: Path<V>;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
};

export function SelectField<V extends FieldValues>({ form, name, label, hint, options }: Props<V>) {
  const id = `field-${name}`;
  const error = form.formState.errors[name]?.message as string | undefined;
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Select {...fieldAria(id, error, hint)} {...form.register(name)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
