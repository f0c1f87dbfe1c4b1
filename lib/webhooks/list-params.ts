import { firstValues, lenient, type SearchParams } from "@/lib/list-params";
import { cursorShapes } from "@/lib/pagination";
import { listDeliveriesSchema, type ListDeliveriesInput } from "./schema";

export type DeliveryListFilters = Pick<ListDeliveriesInput, "status" | "event_type">;

/** The endpoint page's delivery filters from its URL; a hand-edited value is dropped, the rest still apply. */
export function parseDeliveryListParams(params: SearchParams): { filters: DeliveryListFilters; ignored: string[] } {
  const { values, ignored } = lenient(listDeliveriesSchema, firstValues(params, ["status", "event_type"]), cursorShapes.instantThenId);
  // What is left passed the schema, so it has the schema's types.
  return { filters: values as DeliveryListFilters, ignored };
}
