import { firstValues, lenient, type SearchParams } from "@/lib/list-params";
import { cursorShapes } from "@/lib/pagination";
import { hrefWith } from "@/lib/pager";
import { listIntegrationsSchema, listRequestLogsSchema, type ListIntegrationsInput, type RequestLogSource } from "./schema";

export type { SearchParams };

const LIST_KEYS = ["q", "provider", "category", "environment", "status", "health", "connection_status", "sort", "cursor"] as const;
export type IntegrationListFilters = Omit<ListIntegrationsInput, "limit">;

/**
 * The list page's filters from its URL. A hand-edited or stale value is dropped (and named in
 * `ignored`) rather than failing the page: the rest of the filters still apply.
 */
export function parseIntegrationListParams(params: SearchParams): { filters: IntegrationListFilters; ignored: string[] } {
  const { values, ignored } = lenient(listIntegrationsSchema, firstValues(params, LIST_KEYS), cursorShapes.textThenId);
  // What is left passed the schema, so it has the schema's types.
  return { filters: values as IntegrationListFilters, ignored };
}

export function parseRequestLogParams(params: SearchParams): { success?: "true" | "false"; source?: RequestLogSource; cursor?: string } {
  return lenient(listRequestLogsSchema, firstValues(params, ["success", "source", "cursor"]), cursorShapes.instantThenId).values as {
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
