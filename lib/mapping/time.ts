/**
 * Dates and times without a date library: formats are parsed by a small token grammar and time
 * zones are resolved through `Intl` (isomorphic; the browser preview and the server agree).
 */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };
export type ParsedTime = WallTime & { offsetMinutes?: number; hasTime: boolean };

const zoneCache = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = zoneCache.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      formatter = null;
    }
    if (zoneCache.size > 500) zoneCache.clear();
    zoneCache.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(timeZone: string): boolean {
  return typeof timeZone === "string" && timeZone.length > 0 && timeZone.length <= 100 && zoneFormatter(timeZone) !== null;
}

/** The zone's wall clock at an instant. */
export function wallTimeIn(utcMs: number, timeZone = "UTC"): WallTime {
  const formatter = zoneFormatter(timeZone);
  if (!formatter) throw new RangeError(`Unknown time zone ${timeZone}`);
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(new Date(utcMs)))
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  return {
    ...parts,
    millisecond: ((utcMs % 1000) + 1000) % 1000,
  };
}

const asUtc = (wall: WallTime) => {
  const date = new Date(Date.UTC(2000, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond));
  date.setUTCFullYear(wall.year);
  return date.getTime();
};

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const wall = wallTimeIn(utcMs, timeZone);
  return asUtc({ ...wall, millisecond: 0 }) - (utcMs - wall.millisecond);
}

/**
 * The instant a wall-clock time in a zone stands for. In a DST gap (02:30 on a spring-forward
 * night) the clock is read with the offset before the change, as Temporal's "compatible" does.
 */
export function wallTimeToUtc(wall: WallTime, timeZone = "UTC"): number {
  const local = asUtc(wall);
  const first = zoneOffsetMs(local, timeZone);
  const guess = local - first;
  const second = zoneOffsetMs(guess, timeZone);
  if (second === first) return guess;
  const retry = local - second;
  return zoneOffsetMs(retry, timeZone) === second ? retry : local - Math.min(first, second);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

export function isoDate(wall: Pick<WallTime, "year" | "month" | "day">): string {
  const year = wall.year < 0 ? `-${pad(wall.year, 6)}` : wall.year > 9999 ? `+${pad(wall.year, 6)}` : pad(wall.year, 4);
  return `${year}-${pad(wall.month)}-${pad(wall.day)}`;
}

function validWall(wall: WallTime): boolean {
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31) return false;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return false;
  const back = new Date(asUtc(wall));
  return back.getUTCDate() === wall.day && back.getUTCMonth() === wall.month - 1;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

export function parseIso(text: string): ParsedTime | null {
  const match = ISO.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = match;
  const parsed: ParsedTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0,
    hasTime: h !== undefined,
  };
  if (offset !== undefined) {
    if (h === undefined) return null;
    parsed.offsetMinutes = offsetMinutes(offset);
  }
  return validWall(parsed) ? parsed : null;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

type Token = { token: string } | { literal: string };

const TOKENS = [
  "yyyy",
  "yy",
  "MMMM",
  "MMM",
  "MM",
  "M",
  "dd",
  "d",
  "HH",
  "H",
  "hh",
  "h",
  "mm",
  "m",
  "ss",
  "s",
  "SSS",
  "a",
  "XXX",
  "XX",
  "X",
];

/** Splits a format such as "dd/MM/yyyy 'at' HH:mm" into tokens and literal text. */
export function tokenizeFormat(format: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < format.length) {
    const char = format[i]!;
    if (char === "'") {
      const end = format.indexOf("'", i + 1);
      if (end < 0) return null;
      tokens.push({ literal: end === i + 1 ? "'" : format.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const token = TOKENS.find((candidate) => format.startsWith(candidate, i));
    if (token) {
      tokens.push({ token });
      i += token.length;
    } else if (/[A-Za-z]/.test(char)) {
      return null;
    } else {
      tokens.push({ literal: char });
      i += 1;
    }
  }
  return tokens;
}

export function isDateFormat(format: string): boolean {
  return format === "unix" || format === "unix_ms" || tokenizeFormat(format) !== null;
}

const TOKEN_PATTERN: Record<string, string> = {
  yyyy: "(\\d{4})",
  yy: "(\\d{2})",
  MMMM: "([A-Za-z]{3,9})",
  MMM: "([A-Za-z]{3})",
  MM: "(\\d{2})",
  M: "(\\d{1,2})",
  dd: "(\\d{2})",
  d: "(\\d{1,2})",
  HH: "(\\d{2})",
  H: "(\\d{1,2})",
  hh: "(\\d{2})",
  h: "(\\d{1,2})",
  mm: "(\\d{2})",
  m: "(\\d{1,2})",
  ss: "(\\d{2})",
  s: "(\\d{1,2})",
  SSS: "(\\d{3})",
  a: "([AaPp][Mm])",
  XXX: "(Z|[+-]\\d{2}:\\d{2})",
  XX: "(Z|[+-]\\d{4})",
  X: "(Z|[+-]\\d{2}(?:\\d{2})?)",
};

const formatCache = new Map<string, { regex: RegExp; tokens: string[] } | null>();

function compileFormat(format: string) {
  let compiled = formatCache.get(format);
  if (compiled === undefined) {
    const tokens = tokenizeFormat(format);
    compiled = tokens
      ? {
          // Built only from the fixed token patterns and escaped literals: no backtracking blow-up.
          regex: new RegExp(
            `^${tokens.map((t) => ("token" in t ? TOKEN_PATTERN[t.token] : t.literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"))).join("")}$`,
          ),
          tokens: tokens.flatMap((t) => ("token" in t ? [t.token] : [])),
        }
      : null;
    if (formatCache.size > 500) formatCache.clear();
    formatCache.set(format, compiled);
  }
  return compiled;
}

/** Reads text written in `format`; null when it does not fit or names an impossible date. */
export function parseFormatted(text: string, format: string): ParsedTime | null {
  const compiled = compileFormat(format);
  if (!compiled) return null;
  const match = compiled.regex.exec(text.trim());
  if (!match) return null;
  const wall: ParsedTime = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, hasTime: false };
  let pm: boolean | undefined;
  let twelveHour = false;
  compiled.tokens.forEach((token, index) => {
    const raw = match[index + 1] ?? "";
    const n = Number(raw);
    switch (token) {
      case "yyyy":
        wall.year = n;
        break;
      case "yy":
        wall.year = n < 70 ? 2000 + n : 1900 + n;
        break;
      case "MMMM":
      case "MMM": {
        const lower = raw.toLowerCase();
        const month = MONTHS.findIndex((name) => (token === "MMM" ? name.startsWith(lower) : name === lower));
        wall.month = month < 0 ? 0 : month + 1;
        break;
      }
      case "MM":
      case "M":
        wall.month = n;
        break;
      case "dd":
      case "d":
        wall.day = n;
        break;
      case "HH":
      case "H":
        wall.hour = n;
        wall.hasTime = true;
        break;
      case "hh":
      case "h":
        wall.hour = n;
        twelveHour = true;
        wall.hasTime = true;
        break;
      case "mm":
      case "m":
        wall.minute = n;
        break;
      case "ss":
      case "s":
        wall.second = n;
        break;
      case "SSS":
        wall.millisecond = n;
        break;
      case "a":
        pm = raw.toLowerCase() === "pm";
        break;
      default:
        wall.offsetMinutes = offsetMinutes(raw);
    }
  });
  if (twelveHour) {
    if (wall.hour < 1 || wall.hour > 12) return null;
    if (pm !== undefined) wall.hour = (wall.hour % 12) + (pm ? 12 : 0);
  }
  return validWall(wall) ? wall : null;
}

const MONTH_LONG = MONTHS.map((name) => name.charAt(0).toUpperCase() + name.slice(1));
const MONTH_SHORT = MONTH_LONG.map((name) => name.slice(0, 3));

/** Writes a wall time (and, for X tokens, its offset) in `format`. */
export function formatWall(wall: WallTime, format: string, offsetMin = 0): string {
  const tokens = tokenizeFormat(format) ?? [];
  const offset = (colon: boolean) =>
    offsetMin === 0
      ? "Z"
      : `${offsetMin < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offsetMin) / 60))}${colon ? ":" : ""}${pad(Math.abs(offsetMin) % 60)}`;
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  const values: Record<string, string> = {
    yyyy: pad(wall.year, 4),
    yy: pad(wall.year % 100),
    MMMM: MONTH_LONG[wall.month - 1] ?? "",
    MMM: MONTH_SHORT[wall.month - 1] ?? "",
    MM: pad(wall.month),
    M: String(wall.month),
    dd: pad(wall.day),
    d: String(wall.day),
    HH: pad(wall.hour),
    H: String(wall.hour),
    hh: pad(hour12),
    h: String(hour12),
    mm: pad(wall.minute),
    m: String(wall.minute),
    ss: pad(wall.second),
    s: String(wall.second),
    SSS: pad(wall.millisecond, 3),
    a: wall.hour < 12 ? "AM" : "PM",
    XXX: offset(true),
    XX: offset(false),
    X: offset(false),
  };
  return tokens.map((t) => ("token" in t ? (values[t.token] ?? "") : t.literal)).join("");
}
