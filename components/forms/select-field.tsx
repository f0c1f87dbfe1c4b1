"use client";

import type { FieldValues } from "react-hook-form";
import { Field, fieldAria, Select } from "@/components/ui";
import { fieldState, type FormFieldProps } from "./field-props";

type Props<V extends FieldValues> = FormFieldProps<V> & { options: { value: string; label: string }[] };

export function SelectField<V extends FieldValues>({ form, name, label, hint, options }: Props<V>) {
  const { id, error } = fieldState({ form, name });
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
