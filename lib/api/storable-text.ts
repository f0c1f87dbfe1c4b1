import { AppError, invalid } from "@/lib/errors";

/** Deeper than any shape the API takes; PostgreSQL's jsonb parser runs out of stack long before a 1 MB body would. */
export const MAX_JSON_DEPTH = 32;

export const UNSTORABLE_MESSAGE = "Must not contain NUL characters or unpaired UTF-16 surrogates.";

/**
 * PostgreSQL text and jsonb refuse NUL, and jsonb refuses an escaped lone surrogate, so a
 * string holding either would fail deep inside a write; refusing it at the door names the field.
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

/** The text with NUL and unpaired surrogates replaced by U+FFFD: for names echoed back and values kept as received. */
export function toStorableText(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

/**
 * A 422 naming the dotted path (as fieldErrorsOf spells it) of a string or key that cannot be
 * stored; walks without recursion so no nesting depth can overflow the stack.
 */
export function assertStorable(value: unknown): void {
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current))
        throw invalid("The request holds text that cannot be stored.", { [path.join(".") || "_"]: UNSTORABLE_MESSAGE });
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      throw new AppError("bad_request", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = [...path, toStorableText(key)];
      if (!isStorableText(key))
        throw invalid("The request holds text that cannot be stored.", { [childPath.join(".")]: UNSTORABLE_MESSAGE });
      pending.push({ value: child, path: childPath });
    }
  }
}
