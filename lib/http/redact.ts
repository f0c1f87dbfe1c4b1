export const REDACTED = "[redacted]";

const SECRET_NAME = /pass(word)?|secret|token|api[_-]?key|apikey|authorization|credential|private|cookie|signature|^sig$|^key$|session/i;
const ALWAYS_SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

export type Redactor = (text: string) => string;

function forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  // A lone surrogate goes on the wire as U+FFFD (as Buffer and URLSearchParams write it); encodeURIComponent would throw on it.
  const uriEncoded = encodeURIComponent(value.toWellFormed());
  return [
    value,
    // As it appears inside a JSON string, where quotes and backslashes are escaped.
    JSON.stringify(value).slice(1, -1),
    uriEncoded,
    uriEncoded.replace(/%20/g, "+"),
    bytes.toString("base64"),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
  ];
}

/**
 * Removes every occurrence of each secret from text bound for a log line: the value itself, its
 * URL-encoded and base64 forms, and the base64 of each `user:pass` pair as a Basic header carries it.
 */
export function createRedactor(secrets: string[], basicPairs: [string, string][] = []): Redactor {
  const needles = [
    ...secrets.filter((s) => s.length > 0).flatMap(forms),
    ...basicPairs.flatMap(([user, pass]) => forms(`${user}:${pass}`).slice(4)),
  ];
  // Longest first, so a secret inside a longer encoded form does not leave the rest of that form behind.
  const ordered = [...new Set(needles)].filter(Boolean).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, needle) => out.split(needle).join(REDACTED), text);
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
