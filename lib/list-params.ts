import type { z } from "zod";
import { decodeCursor } from "@/lib/pagination";
import { firstParam } from "@/lib/pager";

// A page's list filters from its URL, shared by the features' list-params modules.

export type SearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: SearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = firstParam(params[key]);
    if (value) out[key] = value;
  }
  return out;
}

function isCursor(text: string, shape: z.ZodTuple): boolean {
  try {
    decodeCursor(text, shape);
    return true;
  } catch {
    return false;
  }
}

/**
 * The values that pass the list's schema, and the names of those that do not. A hand-edited or
 * stale value is dropped rather than failing the page: the rest of the filters still apply.
 */
export function lenient(schema: z.ZodType, values: Record<string, string>, cursorShape: z.ZodTuple) {
  const parsed = schema.safeParse(values);
  const ignored = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  if (values.cursor && !ignored.includes("cursor") && !isCursor(values.cursor, cursorShape)) ignored.push("cursor");
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !ignored.includes(k)));
  return { values: kept, ignored };
}
