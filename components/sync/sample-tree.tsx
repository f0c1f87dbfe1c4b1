"use client";

import { cn } from "@/components/ui";
import { pickedPath } from "./mapping-editor-model";

const MAX_DEPTH = 8;
const MAX_ITEMS = 50;

type Props = {
  value: unknown;
  /** Called with the JSONPath of the value the admin clicked. */
  onPick(path: string): void;
  /** The field a pick goes to, for the buttons' accessible names; null when no field is selected. */
  target: string | null;
  /** The path currently mapped to the selected field, highlighted in the tree. */
  selectedPath?: string;
  disabled?: boolean;
};

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value !== null && typeof value === "object") return "{…}";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A remote record as a tree of buttons: each picks its JSONPath for the selected entity field. */
export function SampleTree({ value, onPick, target, selectedPath, disabled }: Props) {
  return (
    <div className="font-mono text-xs">
      <Node
        value={value}
        segments={[]}
        onPick={onPick}
        target={target}
        selectedPath={selectedPath}
        disabled={disabled || target === null}
      />
    </div>
  );
}

type NodeProps = Omit<Props, "value"> & { value: unknown; segments: (string | number)[]; name?: string };

function Node({ value, segments, name, onPick, target, selectedPath, disabled }: NodeProps) {
  const path = pickedPath(segments);
  const container = value !== null && typeof value === "object";
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.slice(0, MAX_ITEMS).map((item, i) => [i, item])
    : container
      ? Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS)
      : [];
  const hidden = container ? (Array.isArray(value) ? value.length : Object.keys(value as object).length) - entries.length : 0;
  const selected = selectedPath === path;
  return (
    <div className="min-w-0">
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-1.5">
        {name !== undefined && <span className="text-muted-foreground">{name}:</span>}
        <button
          type="button"
          disabled={disabled}
          onClick={() => onPick(path)}
          aria-label={target ? `Use ${path} (${preview(value)}) for ${target}` : `${path}: ${preview(value)}`}
          aria-pressed={selected}
          className={cn(
            "min-w-0 cursor-pointer rounded px-1 text-left break-all hover:bg-info-bg disabled:cursor-default disabled:hover:bg-transparent",
            selected && "bg-info-bg font-semibold text-info-fg ring-1 ring-info-border",
          )}
        >
          {preview(value)}
        </button>
      </div>
      {container && segments.length < MAX_DEPTH && entries.length > 0 && (
        <ul className="ml-3 border-l border-border pl-2">
          {entries.map(([key, child]) => (
            <li key={String(key)}>
              <Node
                value={child}
                segments={[...segments, key]}
                name={typeof key === "number" ? `[${key}]` : key}
                onPick={onPick}
                target={target}
                selectedPath={selectedPath}
                disabled={disabled}
              />
            </li>
          ))}
          {hidden > 0 && <li className="text-muted-foreground">… {hidden} more</li>}
        </ul>
      )}
    </div>
  );
}
