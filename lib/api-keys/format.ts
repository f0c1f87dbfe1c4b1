import { createHash } from "node:crypto";
import { randomBase62 } from "@/lib/crypto/hash";

/**
 * `pb_live_<32 random base62><6 base62 checksum>`. The checksum lets a secret scanner or
 * `patchbay api-key check` tell a real key from noise offline, and lets the server refuse
 * typos without touching the database.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const PATTERN = /^pb_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;
// The visible start kept in the database, for lookup and for people to recognise the key.
const PREFIX_RANDOM_CHARS = 8;
export const KEY_PREFIX_LENGTH = "pb_live_".length + PREFIX_RANDOM_CHARS;

export type KeyEnvironment = "live" | "test";

function checksum(body: string): string {
  // 40 bits of SHA-256 written in base62: ample to catch typos, and 62^6 > 2^40 keeps it 6 chars.
  let n = createHash("sha256").update(body).digest().readUIntBE(0, 5);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** A key string from its body (`pb_<env>_<32 base62>`): the body plus its checksum. */
export function withChecksum(body: string): string {
  return body + checksum(body);
}

export function generateKeyString(environment: KeyEnvironment = "live"): string {
  return withChecksum(`pb_${environment}_${randomBase62(RANDOM_LENGTH)}`);
}

/** Whether a stored prefix (or a whole key) belongs to a test-mode key. */
export function keyMode(prefix: string): KeyEnvironment {
  return prefix.startsWith("pb_test_") ? "test" : "live";
}

export type ParsedKey = { environment: KeyEnvironment; prefix: string };

/** Null for anything that is not a well-formed key with a matching checksum. */
export function parseKey(value: string): ParsedKey | null {
  const match = PATTERN.exec(value);
  if (!match) return null;
  const body = value.slice(0, value.length - CHECKSUM_LENGTH);
  if (checksum(body) !== match[3]) return null;
  const environment = match[1] as KeyEnvironment;
  return { environment, prefix: `pb_${environment}_${match[2]!.slice(0, PREFIX_RANDOM_CHARS)}` };
}
