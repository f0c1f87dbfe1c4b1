import type { z } from "zod";
import { cursorShapes, decodeCursor } from "@/lib/pagination";
import { firstParam, hrefWith } from "@/lib/pager";
import { listIntegrationsSchema, listRequestLogsSchema, type ListIntegrationsInput, type RequestLogSource } from "./schema";

export type SearchParams = Record<string, string | string[] | undefined>;

const LIST_KEYS = ["q", "provider", "category", "environment", "status", "health", "sort", "cursor"] as const;
export type IntegrationListFilters = Omit<ListIntegrationsInput, "limit">;

function firstValues(params: SearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = firstParam(params[key]);
    if (value) out[key] = value;
  }
  return out;
}

function isCursor(text: string): boolean {
  try {
    decodeCursor(text, cursorShapes.textThenId);
    return true;
  } catch {
    return false;
  }
}

function lenient(schema: z.ZodType, values: Record<string, string>) {
  const parsed = schema.safeParse(values);
  const ignored = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  if (values.cursor && !ignored.includes("cursor") && !isCursor(values.cursor)) ignored.push("cursor");
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !ignored.includes(k)));
  return { values: kept, ignored };
}

/**
 * The list page's filters from its URL. A hand-edited or stale value is dropped (and named in
 * `ignored`) rather than failing the page: the rest of the filters still apply.
 */
export function parseIntegrationListParams(params: SearchParams): { filters: IntegrationListFilters; ignored: string[] } {
  const { values, ignored } = lenient(listIntegrationsSchema, firstValues(params, LIST_KEYS));
  // What is left passed the schema, so it has the schema's types.
  return { filters: values as IntegrationListFilters, ignored };
}

export function parseRequestLogParams(params: SearchParams): { success?: "true" | "false"; source?: RequestLogSource; cursor?: string } {
  return lenient(listRequestLogsSchema, firstValues(params, ["success", "source", "cursor"])).values as {
    success?: "true" | "false";
    source?: RequestLogSource;
    cursor?: string;
  };
}

/** The list URL with some filters changed; changing any filter starts again from the first page. */
export function listHref(base: string, current: Record<string, string | undefined>, change: Record<string, string | undefined>): string {
  const next = { ...current, ...change };
  if (!("cursor" in change)) delete next.cursor;
  return hrefWith(base, next);
}

/** Clicking a column header: ascending first, then descending, on the same column. */
export function nextSort(current: string | undefined, column: string): string {
  return current === column ? `-${column}` : column;
}
