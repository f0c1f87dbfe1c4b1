import { randomBytes } from "node:crypto";

export type Keyring = { current: { version: string; key: Buffer }; keys: Map<string, Buffer> };

export const KEY_BYTES = 32;
const VERSION = /^v\d+$/;
// Standard or URL-safe alphabet: Buffer would silently skip anything else and yield a
// shorter key than the operator thinks they configured.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Messages name the setting and the entry, never the key material itself. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/**
 * `v2:<base64>,v1:<base64>`: the first entry encrypts, every entry decrypts, so an old key
 * stays listed until `patchbay keys rotate` has moved everything off it.
 */
export function parseKeyring(spec: string, source = "PATCHBAY_MASTER_KEY"): Keyring {
  const entries = spec.split(",").map((e) => e.trim());
  if (entries.every((e) => e === "")) throw new KeyringError(`${source} is empty; expected v1:<base64 of ${KEY_BYTES} bytes>`);
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const where = `${source} entry ${i + 1}`;
    const colon = entry.indexOf(":");
    const version = colon === -1 ? "" : entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!VERSION.test(version)) {
      throw new KeyringError(`${where} must look like v1:<base64 of ${KEY_BYTES} bytes> (a version such as v1, a colon, then the key)`);
    }
    if (keys.has(version)) throw new KeyringError(`${source} lists key version ${version} more than once`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, "base64") : null;
    if (!key || key.length !== KEY_BYTES) {
      throw new KeyringError(
        `${where} (${version}) must be exactly ${KEY_BYTES} bytes, base64-encoded; generate one with: openssl rand -base64 ${KEY_BYTES}`,
      );
    }
    keys.set(version, key);
  });
  const [version, key] = keys.entries().next().value!;
  return { current: { version, key }, keys };
}

export function generateKeySpec(version = "v1"): string {
  if (!VERSION.test(version)) throw new KeyringError(`Key version must look like v1, v2, …`);
  return `${version}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
