import { z } from "zod";
import { invalid } from "@/lib/errors";

/** `?limit=` as DESIGN §3 lists take it. */
export const limitSchema = z.coerce
  .number({ error: "limit must be a number from 1 to 100." })
  .int("limit must be a whole number.")
  .min(1, "limit must be at least 1.")
  .max(100, "limit must be at most 100.")
  .default(25);

/** Opaque to callers: the sort key and id of the last row of the previous page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/**
 * What a list's cursors hold, checked part by part: a cursor is only opaque to well-behaved
 * callers, and a forged one must be a 422 rather than reach SQL as a bad uuid or date.
 */
export const cursorShapes = {
  /** A sort key compared as text (names, fixed-width timestamps), then a uuid row id. */
  textThenId: z.tuple([z.string().max(1000), z.uuid()]),
  /** A creation instant (ISO 8601), then a uuid row id. */
  instantThenId: z.tuple([z.iso.datetime(), z.uuid()]),
  /** The health list's severity rank and name, then a uuid row id. */
  rankNameThenId: z.tuple([z.coerce.number().int(), z.string().max(1000), z.uuid()]),
  /** A sort key compared as text, then a serial row id. */
  textThenSerial: z.tuple([z.string().max(1000), z.coerce.number().int().positive()]),
};

export function decodeCursor<T extends z.ZodTuple>(cursor: string, shape: T): z.infer<T> {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw invalid("The cursor is not valid; start again from the first page.", { cursor: "Use next_cursor from the previous page." });
}
