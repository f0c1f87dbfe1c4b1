import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeySpec, KeyringError, parseKeyring } from "./keyring";
import { processKeyring } from "./process-keyring";

const key = (bytes = 32) => randomBytes(bytes).toString("base64");

function parseError(spec: string): KeyringError {
  try {
    parseKeyring(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyringError);
    return error as KeyringError;
  }
  throw new Error("expected parseKeyring to throw");
}

describe("parseKeyring", () => {
  it("makes the first key current and keeps the rest for decryption", () => {
    const [k2, k1] = [key(), key()];
    const ring = parseKeyring(`v2:${k2}, v1:${k1}`);
    expect(ring.current.version).toBe("v2");
    expect(ring.current.key.equals(Buffer.from(k2, "base64"))).toBe(true);
    expect([...ring.keys.keys()]).toEqual(["v2", "v1"]);
    expect(ring.keys.get("v1")!.equals(Buffer.from(k1, "base64"))).toBe(true);
  });

  it("accepts what generateKeySpec produces", () => {
    const spec = generateKeySpec("v7");
    expect(spec).toMatch(/^v7:[A-Za-z0-9+/]+=*$/);
    expect(parseKeyring(spec).current.version).toBe("v7");
  });

  it.each([
    ["a short key", `v1:${key(16)}`, /exactly 32 bytes/],
    ["a long key", `v1:${key(33)}`, /exactly 32 bytes/],
    ["a key that is not base64", `v1:${"!".repeat(44)}`, /exactly 32 bytes/],
    ["a missing version", key(), /must look like v1:/],
    ["a malformed version", `key1:${key()}`, /must look like v1:/],
    ["an empty entry", `v1:${key()},`, /entry 2 must look like v1:/],
    ["an empty value", "  ", /is empty/],
  ])("rejects %s with a message naming the setting, not the key", (_, spec, message) => {
    const error = parseError(spec);
    expect(error.message).toContain("PATCHBAY_MASTER_KEY");
    expect(error.message).toMatch(message);
    for (const part of spec.split(/[,:]/).filter((p) => p.length > 8)) expect(error.message).not.toContain(part);
  });

  it("rejects a version listed twice", () => {
    const error = parseError(`v1:${key()},v1:${key()}`);
    expect(error.message).toMatch(/PATCHBAY_MASTER_KEY lists key version v1 more than once/);
  });

  it("names the key file instead when the key came from there", () => {
    expect(() => parseKeyring("v1:short", "PATCHBAY_MASTER_KEY file /data/master.key")).toThrow(
      /PATCHBAY_MASTER_KEY file \/data\/master\.key entry 1 \(v1\)/,
    );
  });
});

describe("processKeyring", () => {
  it("reads the process's configured key once", () => {
    expect(processKeyring().current.version).toBe("v1");
    expect(processKeyring()).toBe(processKeyring());
  });
});
