"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";

/**
 * react-hook-form validating with the feature's zod schema in the browser, then the server
 * action validating with the same schema; the server's field errors land on the same fields.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(options: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  action: (values: z.input<S>) => Promise<ActionResult<T>>;
  onSuccess?: (data: T, values: z.input<S>) => void;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(options.schema as never) as never,
    defaultValues: options.defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (_parsed, event) => {
    event?.preventDefault();
    setFormError(null);
    // The raw input goes to the server: it parses with the same schema, so nothing is trusted twice.
    const values = form.getValues();
    const result = await options.action(values);
    if (result.ok) {
      options.onSuccess?.(result.data, values);
      return;
    }
    setFormError(result.error);
    for (const [name, message] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(name as Path<z.input<S>>, { type: "server", message });
    }
  });

  return { form, onSubmit, formError, setFormError };
}
