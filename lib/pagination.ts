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

// Text that reaches SQL as a parameter: PostgreSQL refuses NUL in text, and a lone surrogate has no UTF-8 form.
const cursorText = z
  .string()
  .max(1000)
  .refine((v) => !/[\u0000\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")));

/** A UTC instant as the lists spell it (`instantKey`): fixed width, microseconds, and a real date. */
const cursorInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/)
  .refine((v) => {
    const at = new Date(`${v.slice(0, 23)}Z`);
    return !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 1 && at.toISOString().startsWith(v.slice(0, 23));
  });

/**
 * What a list's cursors hold, checked part by part: a cursor is only opaque to well-behaved
 * callers, and a forged one must be a 422 rather than reach SQL as a bad uuid, date or number.
 */
export const cursorShapes = {
  /** A sort key compared as text (names, fixed-width timestamps), then a uuid row id. */
  textThenId: z.tuple([cursorText, z.uuid()]),
  /** A creation instant, then a uuid row id. */
  instantThenId: z.tuple([cursorInstant, z.uuid()]),
  /** The health list's severity rank (0 worst to 3) and name, then a uuid row id. */
  rankNameThenId: z.tuple([z.coerce.number().int().min(0).max(3), cursorText, z.uuid()]),
  /** An instant, then a bigserial row id. */
  instantThenSerial: z.tuple([cursorInstant, z.coerce.number().int().positive()]),
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
