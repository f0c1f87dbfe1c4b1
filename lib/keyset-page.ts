import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { cursorShapes, decodeCursor, encodeCursor } from "./pagination";

// Kept apart from ./pagination, which the browser loads through the feature schemas.

/** Rows after the cursor's (sort key, id) pair, in the direction the list is sorted. */
export function afterCursor(cursor: string, key: SQL, id: AnyColumn, descending: boolean): SQL {
  const [value, lastId] = decodeCursor(cursor, cursorShapes.textThenId);
  return descending ? sql`(${key}, ${id}) < (${value}, ${lastId}::uuid)` : sql`(${key}, ${id}) > (${value}, ${lastId}::uuid)`;
}

/** A page from `limit + 1` fetched rows: the extra row only says whether another page exists. */
export function keysetPage<R>(rows: R[], limit: number, cursorOf: (row: R) => [string, string]): { page: R[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, next_cursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
