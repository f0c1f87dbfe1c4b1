import { firstValues, lenient, type SearchParams } from "@/lib/list-params";
import { cursorShapes } from "@/lib/pagination";
import { AUDIT_FILTER_KEYS, listAuditEventsSchema, type ListAuditEventsInput } from "./schema";

export type AuditFilters = Pick<ListAuditEventsInput, (typeof AUDIT_FILTER_KEYS)[number]>;

/** The audit page's filters from its URL; a hand-edited value is dropped (and named), the rest still apply. */
export function parseAuditListParams(params: SearchParams): { filters: AuditFilters; ignored: string[] } {
  const { values, ignored } = lenient(listAuditEventsSchema, firstValues(params, AUDIT_FILTER_KEYS), cursorShapes.instantThenId);
  return { filters: values as AuditFilters, ignored };
}
