export const REDACTED = "[redacted]";

const SECRET_NAME = /pass(word)?|secret|token|api[_-]?key|apikey|authorization|credential|private|cookie|signature|^sig$|^key$|session/i;
const ALWAYS_SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

export type Redactor = (text: string) => string;

// A lone surrogate goes on the wire as U+FFFD (as Buffer and URLSearchParams write it); encodeURIComponent would throw on it.
function percentEncoded(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}

// A string as it is, and as JSON writers spell it: escaped quotes and backslashes, and by some also `\/` and `\uXXXX` for non-ASCII.
function jsonForms(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [value, plain, ascii, plain.replaceAll("/", "\\/"), ascii.replaceAll("/", "\\/")];
}

function encodedForms(value: string): string[] {
  const percent = percentEncoded(value);
  return [
    value,
    percent,
    percent.replace(/%20/g, "+"),
    // application/x-www-form-urlencoded (URLSearchParams, query strings and form bodies) also encodes !'()~.
    new URLSearchParams({ v: value }).toString().slice(2),
    ...base64Forms(value),
  ];
}

function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  return [bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, ""), bytes.toString("base64url")];
}

// RFC 6749 §2.3.1: an OAuth client's Basic header form-encodes both halves before joining them.
function basicForms([user, pass]: [string, string]): string[] {
  const form = (v: string) => new URLSearchParams({ v }).toString().slice(2);
  return [`${user}:${pass}`, `${form(user)}:${form(pass)}`].flatMap(base64Forms);
}

/**
 * Every spelling of the secrets a redactor removes: each value as it is, percent- and
 * form-encoded, in base64, and each of those as a JSON string spells it; for each `user:pass`
 * pair, the base64 a Basic header carries (plain, and with both halves form-encoded as OAuth does). Longest first, so a secret inside a longer encoded
 * form does not leave the rest of that form behind.
 */
function secretForms(secrets: string[], basicPairs: [string, string][] = []): string[] {
  const forms = [...secrets.filter((s) => s.length > 0).flatMap(encodedForms), ...basicPairs.flatMap(basicForms)].flatMap(jsonForms);
  return [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Removes every occurrence of each secret, in every spelling `secretForms` knows, from text bound for an answer, a log line or a row. */
export function createRedactor(secrets: string[], basicPairs: [string, string][] = []): Redactor {
  const ordered = secretForms(secrets, basicPairs);
  return (text) => ordered.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/** A value built from remote content, with the redactor applied to every string in it, object keys included. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redact(k), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Headers as a log may show them: credential headers blanked, secrets removed from the rest. */
export function redactHeaders(headers: Record<string, string>, redact: Redactor, secretNames: string[] = []): Record<string, string> {
  const extra = new Set(secretNames.map((n) => n.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      return [name, ALWAYS_SECRET_HEADERS.has(lower) || extra.has(lower) || isSecretName(lower) ? REDACTED : redact(value)];
    }),
  );
}

/** A URL as a log may show it: query parameters named like secrets blanked, stored secrets removed. */
export function redactUrl(raw: string, redact: Redactor, secretParams: string[] = []): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redact(raw);
  }
  const extra = new Set(secretParams.map((p) => p.toLowerCase()));
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (extra.has(name.toLowerCase()) || isSecretName(name)) url.searchParams.set(name, REDACTED);
  }
  url.username = "";
  url.password = "";
  return redact(url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
}
