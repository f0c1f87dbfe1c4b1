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

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === "string" || typeof v === "number")) {
      return values;
    }
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw invalid("The cursor is not valid; start again from the first page.", { cursor: "Use next_cursor from the previous page." });
}
