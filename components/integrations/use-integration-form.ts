"use client";

import { useState } from "react";
import { set, useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { fieldErrorsOf } from "@/lib/errors";
import { formFieldNames, placeFieldErrors } from "@/lib/integrations/form-values";

/**
 * The integration forms: the values are form-shaped (strings in text boxes), `toInput` makes
 * them the API's body, and the feature's shared zod schema judges that body — in the browser
 * for inline errors, then in the server action, whose field errors land on the same fields.
 */
export function useIntegrationForm<V extends FieldValues, I, T>(options: {
  defaultValues: V;
  schema: z.ZodType;
  toInput: (values: V) => I;
  action: (input: I) => Promise<ActionResult<T>>;
  onSuccess?: (data: T) => void;
}) {
  const known = formFieldNames(options.defaultValues);
  const resolver: Resolver<V> = async (values) => {
    const parsed = options.schema.safeParse(options.toInput(values));
    if (parsed.success) return { values, errors: {} };
    const { onFields, other } = placeFieldErrors(fieldErrorsOf(parsed.error.issues), known);
    const errors: FieldErrors<V> = {};
    for (const [name, message] of onFields) set(errors, name, { type: "validation", message });
    if (other.length > 0) set(errors, "root", { type: "validation", message: other.join(" ") });
    return { values: {}, errors };
  };
  const form = useForm<V>({ resolver, defaultValues: options.defaultValues as DefaultValues<V> });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await options.action(options.toInput(values));
    if (result.ok) {
      options.onSuccess?.(result.data);
      return;
    }
    const { onFields, other } = placeFieldErrors(result.fieldErrors ?? {}, known);
    setFormError([result.error, ...other].join(" "));
    for (const [name, message] of onFields) form.setError(name as Path<V>, { type: "server", message });
  });

  const rootError = form.formState.errors.root?.message;
  return { form, onSubmit, formError: formError ?? rootError ?? null };
}
