const SECRET_KEY = /pass(word)?|secret|token|api[_-]?key|authorization|credential|private|cookie|signature|hash/i;

/** Replaces values under secret-looking keys so audit details can be shown and exported. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v)]));
  }
  return value;
}
