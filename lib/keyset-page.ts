import { Column, is, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { decodeCursor, encodeCursor } from "./pagination";

// Kept apart from ./pagination, which the browser loads through the feature schemas.

/**
 * A timestamp as fixed-width UTC text with microseconds, for cursors: it round-trips exactly,
 * where a Date would drop the microseconds and skip rows created in the same millisecond. Lists
 * sort and compare on the column itself (so its index serves), with this text in the cursor.
 */
export function instantKey(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
}

/**
 * Rows after the cursor in the list's order. `keys` are the list's sort expressions, its row id
 * last, in the order the cursor holds them; `shape` checks each value before it reaches SQL.
 */
export function afterCursor<T extends z.ZodTuple>(cursor: string, shape: T, keys: (SQL | AnyColumn)[], descending: boolean): SQL {
  const values = decodeCursor(cursor, shape) as unknown[];
  const params = values.map((v, i) => {
    const key = keys[i];
    if (!is(key, Column)) return sql`${v}`;
    if (key.getSQLType() === "uuid") return sql`${v}::uuid`;
    // The cursor holds instantKey's text, which is UTC without a zone.
    if (key.getSQLType().endsWith("with time zone")) return sql`(${v}::timestamp at time zone 'UTC')`;
    return sql`${v}`;
  });
  const left = sql.join(keys, sql`, `);
  const right = sql.join(params, sql`, `);
  return descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/** A page from `limit + 1` fetched rows: the extra row only says whether another page exists. */
export function keysetPage<R>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => (string | number)[],
): { page: R[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, next_cursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
