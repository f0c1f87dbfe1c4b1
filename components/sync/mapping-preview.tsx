"use client";

import { Alert, Badge } from "@/components/ui";
import type { EntityField } from "@/lib/mapping/schema";
import type { MappingPreview } from "@/lib/mapping/preview";

function show(value: unknown): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** One record as stacked label/value rows: fits a phone where a wide table would not. */
function RecordRows({ fields, data }: { fields: EntityField[]; data: Record<string, unknown> }) {
  return (
    <dl className="grid gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
      {fields
        .filter((field) => Object.hasOwn(data, field.key))
        .map((field) => (
          <div key={field.key} className="contents">
            <dt className="font-medium text-muted-foreground">{field.label ?? field.key}</dt>
            <dd className="min-w-0 font-mono break-all">{show(data[field.key])}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The mapped and the rejected sample records with each rejected field's reason, as the engine computed them. */
export function MappingPreviewPanel({
  preview,
  fields,
  total,
  shown,
}: {
  preview: MappingPreview;
  fields: EntityField[];
  total: number;
  shown: number;
}) {
  const problems = Object.entries(preview.ok ? preview.problems : preview.fields);
  const problemList = problems.length > 0 && (
    <Alert tone="warning" title="Not complete yet: these parts are left out of the preview">
      <ul className="list-disc pl-5">
        {problems.map(([at, message]) => (
          <li key={at}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
  if (!preview.ok) return problemList;
  const summary = `${preview.mapped.length} of ${shown} sample record${shown === 1 ? "" : "s"} mapped, ${preview.rejected.length} rejected${
    total > shown ? ` (the first ${shown} of ${total} shown)` : ""
  }.`;
  return (
    <div className="grid gap-4">
      {problemList}
      <p className="text-sm" aria-live="polite">
        {summary}
      </p>
      {preview.rejected.length > 0 && (
        <section aria-labelledby="mapping-rejected" className="grid gap-2">
          <h4 id="mapping-rejected" className="text-sm font-semibold">
            Rejected
          </h4>
          <ul className="grid gap-3">
            {preview.rejected.map((record) => (
              <li key={record.index} className="grid gap-2 rounded-md border border-danger-border p-3">
                <p className="text-xs font-medium">Record {record.index + 1}</p>
                <ul className="grid gap-1">
                  {record.errors.map((error, i) => (
                    <li key={i} className="flex min-w-0 flex-wrap items-baseline gap-x-2 text-sm">
                      <span className="font-medium">{fields.find((f) => f.key === error.field)?.label ?? error.field}</span>
                      <Badge tone="danger">{error.rule}</Badge>
                      <span className="min-w-0 break-words">{error.message}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.mapped.length > 0 && (
        <section aria-labelledby="mapping-mapped" className="grid gap-2">
          <h4 id="mapping-mapped" className="text-sm font-semibold">
            Mapped
          </h4>
          <ul className="grid gap-3">
            {preview.mapped.map((record) => (
              <li key={record.index} className="grid gap-2 rounded-md border border-border p-3">
                <p className="text-xs font-medium">Record {record.index + 1}</p>
                <RecordRows fields={fields} data={record.data} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
