"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { Badge, Button, cn, Input, Select } from "@/components/ui";
import { previewMapping, type MappingPreview } from "@/lib/mapping/preview";
import {
  TRANSFORM_TYPES,
  VALIDATION_TYPES,
  type EntityField,
  type MappingConfig,
  type TransformRule,
  type TransformType,
  type ValidationRule,
  type ValidationType,
} from "@/lib/mapping/schema";
import {
  addRule,
  mappingFor,
  messagesFor,
  moveRule,
  newTransform,
  newValidation,
  removeMapping,
  removeRule,
  replaceRule,
  setSource,
  type RuleList,
} from "./mapping-editor-model";
import { MappingPreviewPanel } from "./mapping-preview";
import { TimeZoneOptions, TransformInputs, ValidationInputs } from "./rule-editors";
import { SampleTree } from "./sample-tree";

export type MappingEditorProps = {
  fields: EntityField[];
  /** Remote records, as the stream's records path yields them. */
  sample: unknown[];
  value: MappingConfig;
  onChange(next: MappingConfig): void;
  disabled?: boolean;
};

const PREVIEW_DELAY_MS = 250;
const PREVIEW_RECORDS = 50;

export const TRANSFORM_LABELS: Record<TransformType, string> = {
  trim: "Trim spaces",
  lower: "Lower case",
  upper: "Upper case",
  number: "Number",
  integer: "Whole number",
  boolean: "True / false",
  date: "Date",
  datetime: "Date and time",
  default: "Default value",
  value_map: "Map values",
  concat: "Join paths",
  split: "Split text",
  template: "Template",
  round: "Round",
  multiply: "Multiply",
};

export const VALIDATION_LABELS: Record<ValidationType, string> = {
  required: "Required",
  type: "Matches the field type",
  regex: "Pattern",
  enum: "One of",
  min: "Minimum",
  max: "Maximum",
  length: "Length",
  unique: "Unique in the run",
};

function useDebounced<T>(value: T, delay: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return current;
}

function safePreview(config: MappingConfig, fields: EntityField[], sample: unknown[]): MappingPreview {
  try {
    return previewMapping(config, fields, sample);
  } catch (error) {
    return { ok: false, message: "The preview failed.", fields: { _: error instanceof Error ? error.message : "The preview failed." } };
  }
}

/**
 * Entity fields ← remote values: the sample on one side (click a value to pick its path for the
 * selected field), each field's source, transformations and validations on the other, and below a
 * live preview computed in the browser by the same engine the sync runs.
 */
export function MappingEditor({ fields, sample, value, onChange, disabled }: MappingEditorProps) {
  const id = useId();
  const [selected, setSelected] = useState<string | null>(fields[0]?.key ?? null);
  const [recordIndex, setRecordIndex] = useState(0);
  const record = sample[Math.min(recordIndex, Math.max(sample.length - 1, 0))];
  const selectedField = fields.find((field) => field.key === selected) ?? null;

  const debounced = useDebounced(value, PREVIEW_DELAY_MS);
  const shown = Math.min(sample.length, PREVIEW_RECORDS);
  const preview = useMemo(() => safePreview(debounced, fields, sample.slice(0, PREVIEW_RECORDS)), [debounced, fields, sample]);
  const problems = preview.ok ? preview.problems : preview.fields;

  return (
    <div className="grid min-w-0 gap-6">
      <TimeZoneOptions />
      <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby={`${id}-sample`} className="grid min-w-0 content-start gap-3">
          <h3 id={`${id}-sample`} className="text-sm font-semibold">
            Remote sample
          </h3>
          {sample.length === 0 ? (
            <p className="text-sm text-muted-foreground">No sample records yet: fetch a sample or paste JSON to pick paths from it.</p>
          ) : (
            <>
              {sample.length > 1 && (
                <div className="grid gap-1">
                  <label htmlFor={`${id}-record`} className="text-xs font-medium">
                    Record
                  </label>
                  <Select id={`${id}-record`} value={recordIndex} onChange={(e) => setRecordIndex(Number(e.target.value))}>
                    {sample.slice(0, PREVIEW_RECORDS).map((_, i) => (
                      <option key={i} value={i}>
                        Record {i + 1} of {sample.length}
                      </option>
                    ))}
                  </Select>
                </div>
              )}
              <p className="text-xs text-muted-foreground" aria-live="polite">
                {selectedField
                  ? `Click a value to use its path for ${selectedField.label ?? selectedField.key}.`
                  : "Select a field to pick its path."}
              </p>
              <div className="max-h-[28rem] overflow-auto rounded-md border border-border bg-surface-muted p-2">
                <SampleTree
                  value={record}
                  target={selectedField ? (selectedField.label ?? selectedField.key) : null}
                  selectedPath={selectedField ? mappingFor(value, selectedField.key)?.source : undefined}
                  disabled={disabled}
                  onPick={(path) => selectedField && onChange(setSource(value, selectedField.key, path))}
                />
              </div>
            </>
          )}
        </section>
        <section aria-labelledby={`${id}-fields`} className="grid min-w-0 content-start gap-3">
          <h3 id={`${id}-fields`} className="text-sm font-semibold">
            Entity fields
          </h3>
          <ul className="grid gap-3">
            {fields.map((field) => {
              const index = value.fields.findIndex((mapping) => mapping.field === field.key);
              return (
                <li key={field.key}>
                  <FieldCard
                    field={field}
                    config={value}
                    onChange={onChange}
                    selected={selected === field.key}
                    onSelect={() => setSelected(field.key)}
                    messages={index >= 0 ? messagesFor(problems, index) : []}
                    disabled={disabled}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      </div>
      <section aria-labelledby={`${id}-preview`} className="grid min-w-0 gap-3">
        <h3 id={`${id}-preview`} className="text-sm font-semibold">
          Preview
        </h3>
        {sample.length === 0 ? (
          <p className="text-sm text-muted-foreground">The preview appears once there is a sample.</p>
        ) : (
          <MappingPreviewPanel preview={preview} fields={fields} total={sample.length} shown={shown} />
        )}
      </section>
    </div>
  );
}

type FieldCardProps = {
  field: EntityField;
  config: MappingConfig;
  onChange(next: MappingConfig): void;
  selected: boolean;
  onSelect(): void;
  messages: { at: string; message: string }[];
  disabled?: boolean;
};

function FieldCard({ field, config, onChange, selected, onSelect, messages, disabled }: FieldCardProps) {
  const id = useId();
  const mapping = mappingFor(config, field.key);
  const name = field.label ?? field.key;
  const messageAt = (at: string) => messages.filter((m) => m.at === at || m.at.startsWith(`${at}.`)).map((m) => m.message);
  const sourceErrors = messageAt("source");
  const fieldErrors = messages.filter((m) => m.at === "" || m.at === "field").map((m) => m.message);
  return (
    <div
      className={cn("grid min-w-0 gap-3 rounded-md border p-3", selected ? "border-info-border ring-1 ring-info-border" : "border-border")}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <h4 className="min-w-0 text-sm font-semibold break-words">{name}</h4>
        <code className="font-mono text-xs text-muted-foreground">{field.key}</code>
        <Badge>{field.type}</Badge>
        {field.required && <Badge tone="warning">required</Badge>}
        <Button
          type="button"
          size="sm"
          variant={selected ? "primary" : "secondary"}
          aria-pressed={selected}
          onClick={onSelect}
          className="ml-auto"
        >
          {selected ? "Picking from sample" : "Pick from sample"}
        </Button>
      </div>
      <div className="grid gap-1">
        <label htmlFor={`${id}-source`} className="text-xs font-medium">
          Source path
        </label>
        <Input
          id={`${id}-source`}
          className="font-mono"
          disabled={disabled}
          placeholder="$.path.to.value"
          value={mapping?.source ?? ""}
          aria-invalid={sourceErrors.length > 0 || undefined}
          aria-describedby={sourceErrors.length > 0 ? `${id}-source-error` : undefined}
          onChange={(e) => onChange(setSource(config, field.key, e.target.value))}
          onFocus={onSelect}
        />
        {sourceErrors.length > 0 && (
          <p id={`${id}-source-error`} className="text-xs font-medium text-danger-fg">
            {sourceErrors.join(" ")}
          </p>
        )}
      </div>
      {fieldErrors.length > 0 && <p className="text-xs font-medium text-danger-fg">{fieldErrors.join(" ")}</p>}
      <RuleSection
        list="transforms"
        title="Transformations"
        field={field}
        rules={mapping?.transforms ?? []}
        config={config}
        onChange={onChange}
        messageAt={messageAt}
        disabled={disabled}
      />
      <RuleSection
        list="validations"
        title="Validations"
        field={field}
        rules={mapping?.validations ?? []}
        config={config}
        onChange={onChange}
        messageAt={messageAt}
        disabled={disabled}
      />
      {mapping && (
        <div>
          <Button type="button" size="sm" variant="ghost" disabled={disabled} onClick={() => onChange(removeMapping(config, field.key))}>
            Clear the mapping of {name}
          </Button>
        </div>
      )}
    </div>
  );
}

type RuleSectionProps = {
  list: RuleList;
  title: string;
  field: EntityField;
  rules: (TransformRule | ValidationRule)[];
  config: MappingConfig;
  onChange(next: MappingConfig): void;
  messageAt(at: string): string[];
  disabled?: boolean;
};

function RuleSection({ list, title, field, rules, config, onChange, messageAt, disabled }: RuleSectionProps) {
  const id = useId();
  const types = list === "transforms" ? TRANSFORM_TYPES : VALIDATION_TYPES;
  const labels: Record<string, string> = list === "transforms" ? TRANSFORM_LABELS : VALIDATION_LABELS;
  const [adding, setAdding] = useState<string>(types[0]);
  const name = field.label ?? field.key;
  const add = () =>
    onChange(
      list === "transforms"
        ? addRule(config, field.key, "transforms", newTransform(adding as TransformType))
        : addRule(config, field.key, "validations", newValidation(adding as ValidationType)),
    );
  const replace = (index: number, rule: TransformRule | ValidationRule) =>
    onChange(
      list === "transforms"
        ? replaceRule(config, field.key, "transforms", index, rule as TransformRule)
        : replaceRule(config, field.key, "validations", index, rule as ValidationRule),
    );
  return (
    <fieldset className="grid min-w-0 gap-2">
      <legend className="text-xs font-medium">{title}</legend>
      {rules.length > 0 && (
        <ol className="grid gap-2">
          {rules.map((rule, index) => {
            const ruleId = `${id}-${index}`;
            const label = labels[rule.type] ?? rule.type;
            const errors = messageAt(`${list}.${index}`);
            return (
              <li key={index} className="grid min-w-0 gap-2 rounded-md border border-border bg-surface-muted p-2">
                <div className="flex min-w-0 flex-wrap items-center gap-1">
                  <span className="mr-auto text-sm font-medium">
                    {index + 1}. {label}
                  </span>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={disabled || index === 0}
                    aria-label={`Move ${label} up in ${name}'s ${title.toLowerCase()}`}
                    onClick={() => onChange(moveRule(config, field.key, list, index, -1))}
                  >
                    ↑
                  </Button>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={disabled || index === rules.length - 1}
                    aria-label={`Move ${label} down in ${name}'s ${title.toLowerCase()}`}
                    onClick={() => onChange(moveRule(config, field.key, list, index, 1))}
                  >
                    ↓
                  </Button>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={disabled}
                    aria-label={`Remove ${label} from ${name}'s ${title.toLowerCase()}`}
                    onClick={() => onChange(removeRule(config, field.key, list, index))}
                  >
                    Remove
                  </Button>
                </div>
                {list === "transforms" ? (
                  <TransformInputs id={ruleId} rule={rule as TransformRule} disabled={disabled} onChange={(next) => replace(index, next)} />
                ) : (
                  <ValidationInputs
                    id={ruleId}
                    rule={rule as ValidationRule}
                    disabled={disabled}
                    onChange={(next) => replace(index, next)}
                  />
                )}
                {errors.length > 0 && (
                  <p role="alert" className="text-xs font-medium text-danger-fg">
                    {errors.join(" ")}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex min-w-0 flex-wrap items-end gap-2">
        <div className="grid min-w-0 flex-1 gap-1">
          <label htmlFor={`${id}-add`} className="sr-only">
            {list === "transforms" ? "Transformation" : "Validation"} to add to {name}
          </label>
          <Select id={`${id}-add`} disabled={disabled} value={adding} onChange={(e) => setAdding(e.target.value)}>
            {types.map((type) => (
              <option key={type} value={type}>
                {labels[type]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="button" size="md" variant="secondary" disabled={disabled} onClick={add}>
          Add {list === "transforms" ? "transformation" : "validation"}
        </Button>
      </div>
    </fieldset>
  );
}
