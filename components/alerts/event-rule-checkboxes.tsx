"use client";

import { ALERTABLE_EVENT_TYPES, IMPORT_FAILED, SYNC_RUN_FAILED } from "@/lib/alerts/schema";
import { eventDefinition } from "@/lib/webhooks/catalog";

const EXTRA: Record<string, string> = {
  [SYNC_RUN_FAILED]: "A sync run failed.",
  [IMPORT_FAILED]: "An import failed.",
};

/** The rules of a channel: which event types it hears about. */
export function EventRuleCheckboxes({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${idPrefix}-events-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">Send alerts for</legend>
      {ALERTABLE_EVENT_TYPES.map((type) => (
        <label key={type} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1 size-4 shrink-0 accent-primary"
            checked={value.includes(type)}
            onChange={(e) => onChange(e.target.checked ? [...value, type] : value.filter((t) => t !== type))}
          />
          <span>
            <code className="font-mono">{type}</code>
            <span className="block text-muted-foreground">{eventDefinition(type)?.description ?? EXTRA[type]}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id={`${idPrefix}-events-error`} role="alert" className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </fieldset>
  );
}
