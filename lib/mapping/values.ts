/** Value readers shared by the transformations and the coercion by field type. */
import { formatWall, isoDate, parseFormatted, parseIso, wallTimeIn, wallTimeToUtc, type ParsedTime } from "./time";

export type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

export const ok = (value: unknown): Outcome => ({ ok: true, value });
export const fail = (message: string): Outcome => ({ ok: false, message });

export const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

/** A value as it may appear in a message: short, quoted, never a whole document. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === undefined) text = "nothing";
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export function readNumber(value: unknown, decimal: "." | "," = "."): Outcome {
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : fail(`${show(value)} is not a finite number.`);
  if (typeof value !== "string") return fail(`${show(value)} is not a number.`);
  const other = decimal === "." ? "," : ".";
  let text = value.trim().replace(/[\s\u00a0\u202f']/g, "");
  text = text.split(other).join("");
  if (decimal === ",") text = text.replace(",", ".");
  if (!NUMERIC.test(text)) return fail(`${show(value)} is not a number.`);
  const n = Number(text);
  return Number.isFinite(n) ? ok(n) : fail(`${show(value)} is too large.`);
}

export function readInteger(value: unknown): Outcome {
  const number = readNumber(value);
  if (!number.ok) return number;
  const n = number.value as number;
  if (!Number.isInteger(n)) return fail(`${show(value)} is not a whole number.`);
  if (!Number.isSafeInteger(n)) return fail(`${show(value)} is too large for an integer.`);
  return ok(n);
}

const TRUE = new Set(["true", "t", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "f", "no", "n", "0", "off"]);

export function readBoolean(value: unknown): Outcome {
  if (typeof value === "boolean") return ok(value);
  if (value === 1 || value === 0) return ok(value === 1);
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (TRUE.has(text)) return ok(true);
    if (FALSE.has(text)) return ok(false);
  }
  return fail(`${show(value)} is not true or false (true/false, yes/no, 1/0, on/off).`);
}

type TimeOptions = { format?: string; time_zone?: string };

/** An instant (ms since the epoch) or a wall time with or without an offset, from text or an epoch number. */
function readTime(value: unknown, options: TimeOptions): { parsed: ParsedTime } | { instant: number } | { error: string } {
  const { format } = options;
  if (format === "unix" || format === "unix_ms") {
    const number = readNumber(value);
    if (!number.ok) return { error: `${show(value)} is not a Unix time.` };
    const ms = format === "unix" ? (number.value as number) * 1000 : (number.value as number);
    if (!Number.isFinite(new Date(ms).getTime())) return { error: `${show(value)} is out of range.` };
    return { instant: ms };
  }
  if (typeof value !== "string") {
    return {
      error: `${show(value)} is not a date${typeof value === "number" ? " (for epoch numbers set the format unix or unix_ms)" : ""}.`,
    };
  }
  const parsed = format ? parseFormatted(value, format) : parseIso(value);
  if (!parsed)
    return {
      error: `${show(value)} is not a date ${format ? `in the format ${format}` : "in ISO 8601 (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ)"}.`,
    };
  return { parsed };
}

/** To the instant it names: the offset in the text wins, else the time zone (UTC when none). */
function instantOf(parsed: ParsedTime, timeZone: string | undefined): number {
  if (parsed.offsetMinutes !== undefined) return wallTimeToUtc(parsed, "UTC") - parsed.offsetMinutes * 60_000;
  return wallTimeToUtc(parsed, timeZone ?? "UTC");
}

export function readDate(value: unknown, options: TimeOptions = {}): Outcome {
  if (isEmpty(value)) return ok(null);
  const read = readTime(value, options);
  if ("error" in read) return fail(read.error);
  // A date written without an offset is the date as written; one tied to an instant is that
  // instant's date in the time zone (UTC when none).
  if ("parsed" in read && (read.parsed.offsetMinutes === undefined || options.time_zone === undefined)) return ok(isoDate(read.parsed));
  const instant = "instant" in read ? read.instant : instantOf(read.parsed, options.time_zone);
  return ok(isoDate(wallTimeIn(instant, options.time_zone ?? "UTC")));
}

export function readDatetime(value: unknown, options: TimeOptions = {}): Outcome {
  if (isEmpty(value)) return ok(null);
  const read = readTime(value, options);
  if ("error" in read) return fail(read.error);
  const instant = "instant" in read ? read.instant : instantOf(read.parsed, options.time_zone);
  const date = new Date(instant);
  return Number.isFinite(date.getTime()) ? ok(date.toISOString()) : fail(`${show(value)} is out of range.`);
}

/** The inverse of readDate for a push: an ISO date back into the rule's format. */
export function writeDate(value: unknown, options: TimeOptions): unknown {
  if (typeof value !== "string" || !options.format) return value;
  const parsed = parseIso(value);
  if (!parsed || parsed.hasTime) return value;
  if (options.format === "unix" || options.format === "unix_ms") {
    const ms = wallTimeToUtc(parsed, options.time_zone ?? "UTC");
    return options.format === "unix" ? ms / 1000 : ms;
  }
  return formatWall(parsed, options.format);
}

/** The inverse of readDatetime for a push: an instant back into the rule's format and time zone. */
export function writeDatetime(value: unknown, options: TimeOptions): unknown {
  if (typeof value !== "string" || (!options.format && !options.time_zone)) return value;
  const parsed = parseIso(value);
  if (!parsed) return value;
  const instant = instantOf(parsed, "UTC");
  if (options.format === "unix") return Math.floor(instant / 1000);
  if (options.format === "unix_ms") return instant;
  const zone = options.time_zone ?? "UTC";
  const wall = wallTimeIn(instant, zone);
  const offsetMinutes = Math.round((wallTimeToUtc(wall, "UTC") - instant) / 60_000);
  return formatWall(wall, options.format ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", offsetMinutes);
}
