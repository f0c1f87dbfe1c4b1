import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

export type FormFieldProps<V extends FieldValues> = {
  form: UseFormReturn<V, unknown, FieldValues>;
  name: Path<V>;
  label: string;
  hint?: string;
};

/** The control's id and its current error message, from either the zod resolver or the server. */
export function fieldState<V extends FieldValues>({ form, name }: Pick<FormFieldProps<V>, "form" | "name">) {
  return { id: `field-${name}`, error: form.formState.errors[name]?.message as string | undefined };
}
