// Kept free of server imports: templates and reports use it on both sides.

/**
 * A text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, the
 * OWASP advice against CSV injection; a plain negative number stays as it is.
 */
export function spreadsheetSafe(value: string): string {
  if (/^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value))) return `'${value}`;
  return value;
}

function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? spreadsheetSafe(value)
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One RFC 4180 line, CRLF-terminated. */
export function csvLine(values: unknown[]): string {
  return `${values.map(field).join(",")}\r\n`;
}
