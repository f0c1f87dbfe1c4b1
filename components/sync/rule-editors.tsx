"use client";

import { useState } from "react";
import { Input, Select, Textarea } from "@/components/ui";
import type { TransformRule, ValidationRule } from "@/lib/mapping/schema";
import { formatDefaultValue, numberFromInput, parseDefaultValue, splitList, textToValueMap, valueMapToText } from "./mapping-editor-model";

type Common = { id: string; disabled?: boolean };

function Labelled({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 content-start gap-1">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Free text read into a value (a list, a map, JSON): the box keeps what the admin typed, trailing
 * comma and all, and only takes the value's own text when the value changes from elsewhere.
 */
function ParsedText<T>({
  value,
  format,
  parse,
  onChange,
  multiline,
  ...props
}: { value: T; format(value: T): string; parse(text: string): T; onChange(value: T): void; multiline?: boolean } & Omit<
  React.ComponentProps<"input">,
  "value" | "onChange"
>) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (format(parse(text)) !== format(value)) setText(format(value));
  }
  const change = (next: string) => {
    setText(next);
    const parsed = parse(next);
    setSeen(parsed);
    onChange(parsed);
  };
  if (multiline) {
    const { id, disabled, placeholder } = props;
    return (
      <Textarea id={id} disabled={disabled} placeholder={placeholder} rows={3} value={text} onChange={(e) => change(e.target.value)} />
    );
  }
  return <Input {...props} value={text} onChange={(e) => change(e.target.value)} />;
}

function NumberBox({
  id,
  label,
  value,
  optional,
  onChange,
  disabled,
  step,
}: Common & { label: string; value: number | undefined; optional: boolean; onChange(value: number | undefined): void; step?: string }) {
  return (
    <Labelled id={id} label={label}>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        step={step ?? "any"}
        disabled={disabled}
        value={value === undefined || Number.isNaN(value) ? "" : value}
        onChange={(e) => onChange(numberFromInput(e.target.value, optional))}
      />
    </Labelled>
  );
}

function TextBox({
  id,
  label,
  value,
  onChange,
  disabled,
  placeholder,
  hint,
  list,
}: Common & { label: string; value: string; onChange(value: string): void; placeholder?: string; hint?: string; list?: string }) {
  return (
    <Labelled id={id} label={label} hint={hint}>
      <Input
        id={id}
        disabled={disabled}
        value={value}
        placeholder={placeholder}
        list={list}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Labelled>
  );
}

const TIME_ZONES_LIST = "mapping-editor-time-zones";

/** The IANA zones the browser knows, offered as suggestions for time zone boxes. */
export function TimeZoneOptions() {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return (
    <datalist id={TIME_ZONES_LIST}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

const optionalText = (text: string) => (text === "" ? undefined : text);

/** The typed inputs of one transformation rule; rules without settings render nothing. */
export function TransformInputs({ id, rule, onChange, disabled }: Common & { rule: TransformRule; onChange(rule: TransformRule): void }) {
  const grid = "grid min-w-0 gap-3 sm:grid-cols-2";
  switch (rule.type) {
    case "number":
      return (
        <Labelled id={id} label="Decimal separator">
          <Select
            id={id}
            disabled={disabled}
            value={rule.decimal ?? "."}
            onChange={(e) => onChange({ ...rule, decimal: e.target.value === "," ? "," : undefined })}
          >
            <option value=".">Point (1,234.5)</option>
            <option value=",">Comma (1.234,5)</option>
          </Select>
        </Labelled>
      );
    case "date":
    case "datetime":
      return (
        <div className={grid}>
          <TextBox
            id={`${id}-format`}
            label="Format"
            disabled={disabled}
            value={rule.format ?? ""}
            placeholder="ISO 8601"
            hint="Such as dd/MM/yyyy HH:mm, or unix / unix_ms. Empty: ISO 8601."
            onChange={(format) => onChange({ ...rule, format: optionalText(format) })}
          />
          <TextBox
            id={`${id}-zone`}
            label="Time zone"
            disabled={disabled}
            value={rule.time_zone ?? ""}
            placeholder="UTC"
            list={TIME_ZONES_LIST}
            hint="For values without an offset, e.g. Europe/Berlin."
            onChange={(zone) => onChange({ ...rule, time_zone: optionalText(zone) })}
          />
        </div>
      );
    case "default":
      return (
        <Labelled id={id} label="Default value" hint="Used when the value is missing or empty. 42, true and null are read as JSON.">
          <ParsedText
            id={id}
            disabled={disabled}
            aria-describedby={`${id}-hint`}
            value={rule.value}
            format={formatDefaultValue}
            parse={(text) => parseDefaultValue(text) as typeof rule.value}
            onChange={(value) => onChange({ ...rule, value: value as typeof rule.value })}
          />
        </Labelled>
      );
    case "value_map":
      return (
        <div className="grid min-w-0 gap-3">
          <Labelled id={id} label="Values" hint="One line per value: value: spelling, spelling">
            <ParsedText
              id={id}
              multiline
              disabled={disabled}
              placeholder={"available: Open, Available\nsold: Sold"}
              value={rule.map}
              format={valueMapToText}
              parse={textToValueMap}
              onChange={(map) => onChange({ ...rule, map })}
            />
          </Labelled>
          <div className={grid}>
            <Labelled id={`${id}-fallback`} label="A value not listed">
              <Select
                id={`${id}-fallback`}
                disabled={disabled}
                value={rule.fallback ?? "keep"}
                onChange={(e) => onChange({ ...rule, fallback: e.target.value as "keep" | "null" | "error" })}
              >
                <option value="keep">Keep it as it is</option>
                <option value="null">Leave the field empty</option>
                <option value="error">Reject the record</option>
              </Select>
            </Labelled>
            <label className="flex items-center gap-2 self-end text-sm">
              <input
                type="checkbox"
                disabled={disabled}
                checked={rule.case_insensitive ?? false}
                onChange={(e) => onChange({ ...rule, case_insensitive: e.target.checked || undefined })}
              />
              Ignore case
            </label>
          </div>
        </div>
      );
    case "concat":
      return (
        <div className={grid}>
          <Labelled id={id} label="Paths" hint="JSON paths, one per line.">
            <ParsedText
              id={id}
              multiline
              disabled={disabled}
              value={rule.sources}
              format={(sources) => sources.join("\n")}
              parse={splitList}
              onChange={(sources) => onChange({ ...rule, sources })}
            />
          </Labelled>
          <TextBox
            id={`${id}-separator`}
            label="Separator"
            disabled={disabled}
            value={rule.separator ?? ""}
            onChange={(separator) => onChange({ ...rule, separator })}
          />
        </div>
      );
    case "split":
      return (
        <div className={grid}>
          <TextBox
            id={id}
            label="Separator"
            disabled={disabled}
            value={rule.separator}
            onChange={(separator) => onChange({ ...rule, separator })}
          />
          <NumberBox
            id={`${id}-index`}
            label="Part (0 is the first; empty: all)"
            step="1"
            optional
            disabled={disabled}
            value={rule.index}
            onChange={(index) => onChange({ ...rule, index })}
          />
        </div>
      );
    case "template":
      return (
        <TextBox
          id={id}
          label="Template"
          disabled={disabled}
          value={rule.template}
          hint="JSON paths in double braces: {{$.first}} {{$.last}}"
          onChange={(template) => onChange({ ...rule, template })}
        />
      );
    case "round":
      return (
        <NumberBox
          id={id}
          label="Digits after the point"
          step="1"
          optional
          disabled={disabled}
          value={rule.digits}
          onChange={(digits) => onChange({ ...rule, digits })}
        />
      );
    case "multiply":
      return (
        <NumberBox
          id={id}
          label="Multiply by"
          optional={false}
          disabled={disabled}
          value={rule.by}
          onChange={(by) => onChange({ ...rule, by: by ?? Number.NaN })}
        />
      );
    default:
      return null;
  }
}

/** The typed inputs of one validation rule; rules without settings render nothing. */
export function ValidationInputs({
  id,
  rule,
  onChange,
  disabled,
}: Common & { rule: ValidationRule; onChange(rule: ValidationRule): void }) {
  const grid = "grid min-w-0 gap-3 sm:grid-cols-2";
  switch (rule.type) {
    case "regex":
      return (
        <div className={grid}>
          <TextBox
            id={id}
            label="Pattern"
            disabled={disabled}
            value={rule.pattern}
            placeholder="^[A-Z]{3}-\d+$"
            hint="RE2 syntax: no backreferences or lookarounds."
            onChange={(pattern) => onChange({ ...rule, pattern })}
          />
          <TextBox
            id={`${id}-flags`}
            label="Flags"
            disabled={disabled}
            value={rule.flags ?? ""}
            hint="i (ignore case), m (multiline), s (dot matches newline)."
            onChange={(flags) => onChange({ ...rule, flags: optionalText(flags) })}
          />
        </div>
      );
    case "enum":
      return (
        <Labelled id={id} label="Allowed values" hint="Separated by commas.">
          <ParsedText
            id={id}
            disabled={disabled}
            aria-describedby={`${id}-hint`}
            value={rule.values}
            format={(values) => values.join(", ")}
            parse={splitList}
            onChange={(values) => onChange({ ...rule, values })}
          />
        </Labelled>
      );
    case "min":
    case "max":
      return (
        <NumberBox
          id={id}
          label={rule.type === "min" ? "Minimum" : "Maximum"}
          optional={false}
          disabled={disabled}
          value={rule.value}
          onChange={(value) => onChange({ ...rule, value: value ?? Number.NaN })}
        />
      );
    case "length":
      return (
        <div className={grid}>
          <NumberBox
            id={`${id}-min`}
            label="At least"
            step="1"
            optional
            disabled={disabled}
            value={rule.min}
            onChange={(min) => onChange({ ...rule, min })}
          />
          <NumberBox
            id={`${id}-max`}
            label="At most"
            step="1"
            optional
            disabled={disabled}
            value={rule.max}
            onChange={(max) => onChange({ ...rule, max })}
          />
        </div>
      );
    default:
      return null;
  }
}
