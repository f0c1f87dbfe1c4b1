import { RE2JS } from "re2js";

/**
 * Regex rules run on RE2 (re2js, pure JavaScript): matching is linear in the input, so a hostile
 * pattern such as (a+)+$ cannot hang the server. Patterns RE2 does not support (backreferences,
 * lookarounds) are refused when the rule is saved, and values longer than MAX_REGEX_INPUT fail the
 * rule instead of being scanned.
 */
export const MAX_REGEX_PATTERN = 500;
export const MAX_REGEX_INPUT = 10_000;

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

export type CompiledRegex = { test(input: string): boolean };

export function compileRegex(pattern: string, flags = ""): CompiledRegex {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined) throw new Error(`Unsupported flag ${flag}`);
    bits |= bit;
  }
  return RE2JS.compile(pattern, bits);
}

/** Why a pattern cannot be used, or null when it can. */
export function regexProblem(pattern: string, flags?: string): string | null {
  if (pattern.length > MAX_REGEX_PATTERN) return `At most ${MAX_REGEX_PATTERN} characters.`;
  try {
    compileRegex(pattern, flags ?? "");
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "invalid pattern";
    return `Not a pattern this engine runs (RE2 syntax; no backreferences or lookarounds): ${detail.slice(0, 200)}.`;
  }
}
