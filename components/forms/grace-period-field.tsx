"use client";

import { Field, fieldAria, Input } from "@/components/ui";

/** The hours an old secret or key keeps working after a rotation: the one field both rotation dialogs ask. */
export function GracePeriodField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error}>
      <Input type="number" min={0} max={720} value={value} onChange={(e) => onChange(e.target.value)} {...fieldAria(id, error, hint)} />
    </Field>
  );
}
