import { get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";

export type FormFieldProps<V extends FieldValues> = {
  form: UseFormReturn<V, unknown, FieldValues>;
  name: Path<V>;
  label: string;
  hint?: string;
};

/** The control's id and its current error message, from either the zod resolver or the server. */
export function fieldState<V extends FieldValues>({ form, name }: Pick<FormFieldProps<V>, "form" | "name">) {
  // Nested names such as `config.timeout_seconds` have nested errors.
  return {
    id: `field-${name.replaceAll(".", "-")}`,
    error: (get(form.formState.errors, name) as { message?: string } | undefined)?.message,
  };
}
