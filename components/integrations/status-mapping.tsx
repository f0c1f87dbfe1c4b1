"use client";

import { useState, useTransition } from "react";
import { updateIntegrationAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { Alert, Badge, Button, Input, Select } from "@/components/ui";
import { parseValueList } from "@/lib/integrations/form-values";
import { CANONICAL_STATUSES, DEFAULT_STATUS_SPELLINGS, mergeStatusMapping, type CanonicalStatus } from "@/lib/mapping/statuses";
import { mapStatusValues, type StatusValue } from "@/lib/mapping/status-values";
import { STATUS_LABELS } from "./labels";

export type StatusTexts = Record<CanonicalStatus, string>;
type Custom = Partial<Record<CanonicalStatus, string[]>>;

/** The admin's lists as typed (comma-separated), read into the per-status custom mapping. */
export function customOf(texts: Partial<StatusTexts>): Custom {
  const custom: Custom = {};
  for (const status of CANONICAL_STATUSES) {
    const list = parseValueList(texts[status] ?? "");
    if (list.length > 0) custom[status] = list;
  }
  return custom;
}

/** What one status maps after the per-status merge, and whether it is the admin's list or the usual spellings. */
export function EffectiveSpellings({ id, status, custom }: { id: string; status: CanonicalStatus; custom: Custom }) {
  const merged = mergeStatusMapping(custom)[status];
  const own = (custom[status]?.length ?? 0) > 0;
  return (
    <p id={id} className="text-xs break-words text-muted-foreground">
      {merged.length === 0 ? "Maps nothing: its usual spellings are listed under other statuses." : `Maps ${merged.join(", ")}`}
      {merged.length > 0 && (own ? " (your list)." : " (the usual spellings).")}
    </p>
  );
}

/** Counts per status for the values the last test found, and the values no spelling maps. */
export function StatusMappingPreview({
  values,
  custom,
  path,
  onAssign,
}: {
  values: StatusValue[];
  custom: Custom;
  path: string | null;
  onAssign?(value: string, status: CanonicalStatus): void;
}) {
  if (values.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        The response has no values at {path ? <code className="font-mono">{path}</code> : "the status path"}: check the status JSON path.
      </p>
    );
  }
  const mapped = mapStatusValues(values, custom);
  return (
    <div className="grid gap-3" aria-live="polite">
      <ul className="flex flex-wrap gap-2" aria-label="Values per status">
        {CANONICAL_STATUSES.map((status) => (
          <li key={status}>
            <Badge tone={mapped.counts[status] ? "info" : "neutral"}>
              {STATUS_LABELS[status]}: <span className="tabular-nums">{mapped.counts[status] ?? 0}</span>
            </Badge>
          </li>
        ))}
      </ul>
      {mapped.unmapped.length > 0 ? (
        <Alert tone="warning" title="Values no rule maps">
          <ul className="mt-1 flex flex-wrap gap-2 font-mono">
            {mapped.unmapped.map((value) => (
              <li key={value} className="break-all">
                {value}
              </li>
            ))}
          </ul>
          {onAssign && <AssignValue values={mapped.unmapped} onAssign={onAssign} />}
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">Every value found maps to a status.</p>
      )}
    </div>
  );
}

function AssignValue({ values, onAssign }: { values: string[]; onAssign(value: string, status: CanonicalStatus): void }) {
  const [value, setValue] = useState(values[0] ?? "");
  const [status, setStatus] = useState<CanonicalStatus>("available");
  const current = values.includes(value) ? value : (values[0] ?? "");
  return (
    <div className="mt-3 flex min-w-0 flex-wrap items-end gap-2">
      <div className="grid min-w-0 gap-1">
        <label htmlFor="assign-value" className="text-xs font-medium">
          Value
        </label>
        <Select id="assign-value" value={current} onChange={(e) => setValue(e.target.value)}>
          {values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid min-w-0 gap-1">
        <label htmlFor="assign-status" className="text-xs font-medium">
          Maps to
        </label>
        <Select id="assign-status" value={status} onChange={(e) => setStatus(e.target.value as CanonicalStatus)}>
          {CANONICAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <Button type="button" variant="secondary" onClick={() => current && onAssign(current, status)}>
        Add to the mapping
      </Button>
    </div>
  );
}

const textsOf = (custom: Custom): StatusTexts =>
  Object.fromEntries(CANONICAL_STATUSES.map((status) => [status, (custom[status] ?? []).join(", ")])) as StatusTexts;

type EditorProps = {
  tenantSlug: string;
  id: string;
  /** The mapping saved on the integration (only the statuses the admin filled). */
  saved: Custom;
  values: StatusValue[];
  path: string | null;
  canEdit: boolean;
};

/**
 * The status mapping against the values the test just found: the preview follows every keystroke
 * (through the rules engine, in the browser), and Save stores the lists on the integration.
 */
export function StatusMappingTester({ tenantSlug, id, saved, values, path, canEdit }: EditorProps) {
  const [texts, setTexts] = useState<StatusTexts>(() => textsOf(saved));
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const custom = customOf(texts);
  const changed = JSON.stringify(custom) !== JSON.stringify(customOf(textsOf(saved)));

  const assign = (value: string, status: CanonicalStatus) =>
    setTexts((current) => {
      // Adding to an empty list would replace the status's usual spellings, so they are written out first.
      const list = parseValueList(current[status]);
      const base = list.length > 0 ? list : mergeStatusMapping(customOf(current))[status];
      return { ...current, [status]: [...base, value].join(", ") };
    });

  const save = () =>
    startTransition(async () => {
      setMessage(null);
      const outcome = await updateIntegrationAction(tenantSlug, { id, patch: { config: { status_mapping: custom } } });
      setMessage(outcome.ok ? { tone: "success", text: "Status mapping saved." } : { tone: "danger", text: outcome.error });
    });

  return (
    <section aria-labelledby="mapping-preview" className="grid gap-4">
      <div className="grid gap-1">
        <h3 id="mapping-preview" className="text-sm font-semibold">
          Status mapping preview
        </h3>
        <p className="text-sm text-muted-foreground">
          Against the {values.length} distinct value{values.length === 1 ? "" : "s"} this test found. Edit a list and the preview follows; a
          status left empty keeps its usual spellings.
        </p>
      </div>
      <StatusMappingPreview values={values} custom={custom} path={path} onAssign={canEdit ? assign : undefined} />
      {canEdit && (
        <fieldset className="grid gap-3">
          <legend className="text-sm font-medium">Spellings per status</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {CANONICAL_STATUSES.map((status) => {
              const inputId = `status-mapping-${status}`;
              return (
                <div key={status} className="grid min-w-0 content-start gap-1">
                  <label htmlFor={inputId} className="text-sm font-medium">
                    {STATUS_LABELS[status]}
                  </label>
                  <Input
                    id={inputId}
                    value={texts[status]}
                    placeholder={DEFAULT_STATUS_SPELLINGS[status].slice(0, 3).join(", ")}
                    aria-describedby={`${inputId}-effective`}
                    onChange={(e) => setTexts((current) => ({ ...current, [status]: e.target.value }))}
                  />
                  <EffectiveSpellings id={`${inputId}-effective`} status={status} custom={custom} />
                </div>
              );
            })}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" onClick={save} disabled={pending || !changed}>
              {pending ? "Saving…" : "Save status mapping"}
            </Button>
            {changed && (
              <Button type="button" variant="ghost" onClick={() => setTexts(textsOf(saved))} disabled={pending}>
                Undo changes
              </Button>
            )}
          </div>
        </fieldset>
      )}
      <div aria-live="polite">{message && <Alert tone={message.tone}>{message.text}</Alert>}</div>
    </section>
  );
}
