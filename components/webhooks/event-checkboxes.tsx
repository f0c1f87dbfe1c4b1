"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { EVENT_CATALOG, TEST_EVENT_TYPE } from "@/lib/webhooks/catalog";
import type { CreateEndpointInput } from "@/lib/webhooks/schema";

const GROUPS = [...new Set(EVENT_CATALOG.map((e) => e.group))];

export function EventCheckboxes({ form }: { form: UseFormReturn<CreateEndpointInput, unknown, FieldValues> }) {
  const error = form.formState.errors.events?.message;
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "field-events-error" : "field-events-hint"}>
      <legend className="mb-1 text-sm font-medium">Events</legend>
      <p id="field-events-hint" className="text-sm text-muted-foreground">
        None selected: every event.
      </p>
      {GROUPS.map((group) => (
        <div key={group} className="grid gap-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{group}</p>
          {EVENT_CATALOG.filter((e) => e.group === group && e.type !== TEST_EVENT_TYPE).map((e) => (
            <label key={e.type} className="flex items-start gap-2 text-sm">
              <input type="checkbox" value={e.type} className="mt-1 size-4 shrink-0 accent-primary" {...form.register("events")} />
              <span>
                <code className="font-mono">{e.type}</code>
                <span className="block text-muted-foreground">{e.description}</span>
              </span>
            </label>
          ))}
        </div>
      ))}
      {error && (
        <p id="field-events-error" role="alert" className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </fieldset>
  );
}
