import { describe, expect, it } from "vitest";
import { generateKeyString, parseKey } from "./format";

describe("API key format", () => {
  it("generates keys that carry their environment and a valid checksum", () => {
    const key = generateKeyString();
    expect(key).toMatch(/^pb_live_[0-9A-Za-z]{38}$/);
    expect(parseKey(key)).toEqual({ environment: "live", prefix: key.slice(0, 16) });
    expect(parseKey(generateKeyString("test"))?.environment).toBe("test");
  });

  it("tells a typo or a random string from a real key offline", () => {
    const key = generateKeyString();
    for (let i = 8; i < key.length; i++) {
      const typo = key.slice(0, i) + (key[i] === "x" ? "y" : "x") + key.slice(i + 1);
      expect(parseKey(typo), `typo at ${i}`).toBeNull();
    }
    expect(parseKey(`pb_live_${"a".repeat(38)}`)).toBeNull();
    expect(parseKey("sk_live_abc")).toBeNull();
  });
});
