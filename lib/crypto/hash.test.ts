import { describe, expect, it } from "vitest";
import { constantTimeEqual, randomBase62, randomToken, sha256Hex } from "./hash";

describe("hash helpers", () => {
  it("hashes to the standard SHA-256 hex digest", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares strings of equal and unequal length", () => {
    expect(constantTimeEqual("same", "same")).toBe(true);
    expect(constantTimeEqual("same", "sane")).toBe(false);
    expect(constantTimeEqual("same", "same!")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("draws base62 characters without favouring any", () => {
    expect(randomBase62(0)).toBe("");
    const sample = randomBase62(62_000);
    expect(sample).toMatch(/^[0-9A-Za-z]{62000}$/);
    const counts = new Map<string, number>();
    for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // Expected 1000 each; modulo bias would push the first eight characters to about 1210.
    for (const n of counts.values()) expect(n).toBeLessThan(1_150);
    expect(() => randomBase62(-1)).toThrow(RangeError);
  });

  it("makes URL-safe tokens of the requested entropy", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(randomToken(16), "base64url")).toHaveLength(16);
  });
});
