import type { EntityField } from "./schema";
import { fail, isEmpty, ok, readBoolean, readDate, readDatetime, readInteger, readNumber, show, type Outcome } from "./values";

/**
 * The value as the entity field's type stores it. Lossless readings only (the text "12" is the
 * number 12; "12.5" is not an integer); anything else is a `type` error, never a silent guess.
 */
export function coerceToField(value: unknown, field: EntityField): Outcome {
  if (value === undefined || value === null) return ok(null);
  if (value === "" && field.type !== "string" && field.type !== "json") return ok(null);
  switch (field.type) {
    case "string":
      if (typeof value === "string") return ok(value);
      if (typeof value === "number" || typeof value === "boolean") return ok(String(value));
      return fail(`${show(value)} is not text.`);
    case "number":
      return readNumber(value);
    case "integer":
      return readInteger(value);
    case "boolean":
      return readBoolean(value);
    case "date":
      return readDate(value);
    case "datetime":
      return readDatetime(value);
    case "enum": {
      if (typeof value === "object") return fail(`${show(value)} is not one of: ${(field.enum_values ?? []).join(", ")}.`);
      const text = String(value);
      return field.enum_values?.includes(text) ? ok(text) : fail(`${show(value)} is not one of: ${(field.enum_values ?? []).join(", ")}.`);
    }
    case "json":
      return ok(value);
  }
}

export { isEmpty };
