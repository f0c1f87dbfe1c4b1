import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring";
import { processKeyring } from "./process-keyring";

/**
 * Where a secret lives. It is bound into the ciphertext as associated data, so a value
 * copied to another tenant, row or field fails to decrypt instead of leaking there. A
 * feature must use the same `table`, `rowId` and `field` as its encrypted column's declaration
 * (see encrypted-column.ts), and must know the row id before it encrypts.
 */
export type SecretContext = { tenantId: string; table: string; rowId: string; field: string };

const PREFIX = "pbenc";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = /^pbenc:(v\d+):([A-Za-z0-9_-]+)$/;

/** Safe to show and log: never carries plaintext or key material. */
export class DecryptError extends Error {
  constructor(message = "Stored secret could not be decrypted") {
    super(message);
    this.name = "DecryptError";
  }
}

// The version is bound too, so relabelling a value with another key's version fails
// authentication rather than being tried under that key.
function associatedData(version: string, ctx: SecretContext): Buffer {
  const parts = [ctx.tenantId, ctx.table, ctx.rowId, ctx.field];
  if (parts.some((p) => typeof p !== "string" || p === "")) {
    throw new TypeError("SecretContext needs a non-empty tenantId, table, rowId and field");
  }
  return Buffer.from(JSON.stringify([PREFIX, version, ...parts]), "utf8");
}

export function encryptSecret(plaintext: string, ctx: SecretContext, keyring: Keyring = processKeyring()): string {
  const { version, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(version, ctx));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${PREFIX}:${version}:${payload.toString("base64url")}`;
}

export function decryptSecret(value: string, ctx: SecretContext, keyring: Keyring = processKeyring()): string {
  const match = FORMAT.exec(value);
  if (!match) throw new DecryptError("Stored secret is not in the expected encrypted format");
  const [, version, encoded] = match as unknown as [string, string, string];
  const key = keyring.keys.get(version);
  if (!key) throw new DecryptError(`Stored secret was encrypted with key ${version}, which is not in PATCHBAY_MASTER_KEY`);
  const aad = associatedData(version, ctx);
  const payload = Buffer.from(encoded, "base64url");
  if (payload.length < IV_BYTES + TAG_BYTES) throw new DecryptError("Stored secret is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, payload.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return plaintext.toString("utf8");
  } catch {
    throw new DecryptError(
      "Stored secret could not be decrypted: it was altered, belongs to another tenant, row or field, or the key is wrong",
    );
  }
}

/** The key version a stored value was encrypted with, or null if it is not an encrypted value. */
export function keyVersionOf(value: string): string | null {
  return FORMAT.exec(value)?.[1] ?? null;
}

export function encryptJson(data: Record<string, string>, ctx: SecretContext, keyring: Keyring = processKeyring()): string {
  return encryptSecret(JSON.stringify(data), ctx, keyring);
}

export function decryptJson(value: string, ctx: SecretContext, keyring: Keyring = processKeyring()): Record<string, string> {
  const plaintext = decryptSecret(value, ctx, keyring);
  let data: unknown;
  try {
    data = JSON.parse(plaintext);
  } catch {
    data = null;
  }
  const isRecord =
    typeof data === "object" && data !== null && !Array.isArray(data) && Object.values(data).every((v) => typeof v === "string");
  if (!isRecord) throw new DecryptError("Stored secret is not a set of named string values");
  return data as Record<string, string>;
}
