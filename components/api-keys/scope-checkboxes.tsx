"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { SCOPE_DESCRIPTIONS, SCOPES } from "@/lib/api-keys/scopes";

// Shared by the create and edit forms, whose values both hold `scopes`.
export function ScopeCheckboxes<V extends { scopes?: unknown }>({ form }: { form: UseFormReturn<V, unknown, FieldValues> }) {
  const error = (form.formState.errors as { scopes?: { message?: string } }).scopes?.message;
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "field-scopes-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">Scopes</legend>
      {SCOPES.map((scope) => (
        <label key={scope} className="flex items-start gap-2 text-sm">
          <input type="checkbox" value={scope} className="mt-1 size-4 shrink-0 accent-primary" {...form.register("scopes" as Path<V>)} />
          <span>
            <code className="font-mono">{scope}</code>
            <span className="block text-muted-foreground">{SCOPE_DESCRIPTIONS[scope]}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="field-scopes-error" role="alert" className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </fieldset>
  );
}
