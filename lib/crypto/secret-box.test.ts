import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyring } from "./keyring";
import { decryptJson, DecryptError, decryptSecret, encryptJson, encryptSecret, keyVersionOf, type SecretContext } from "./secret-box";

const k1 = `v1:${randomBytes(32).toString("base64")}`;
const k2 = `v2:${randomBytes(32).toString("base64")}`;
const v1 = parseKeyring(k1);
const v2v1 = parseKeyring(`${k2},${k1}`);
const v2Only = parseKeyring(k2);

const ctx: SecretContext = { tenantId: "tenant-a", table: "connections", rowId: "row-1", field: "credentials" };

/** Flips one bit of the decoded payload (iv | tag | ciphertext) at the given offset. */
function tamper(value: string, offset: number): string {
  const [prefix, version, encoded] = value.split(":") as [string, string, string];
  const payload = Buffer.from(encoded, "base64url");
  payload[offset]! ^= 0x01;
  return `${prefix}:${version}:${payload.toString("base64url")}`;
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including empty and non-ASCII text", () => {
    for (const plaintext of ["hunter2", "", "pässwörd 🔑", "x".repeat(10_000)]) {
      const sealed = encryptSecret(plaintext, ctx, v1);
      expect(sealed).toMatch(/^pbenc:v1:[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain(plaintext || "\0");
      expect(decryptSecret(sealed, ctx, v1)).toBe(plaintext);
    }
  });

  it("uses a fresh IV, so equal secrets do not look equal", () => {
    expect(encryptSecret("same", ctx, v1)).not.toBe(encryptSecret("same", ctx, v1));
  });

  it("uses the process keyring by default", () => {
    expect(decryptSecret(encryptSecret("default", ctx), ctx)).toBe("default");
  });

  it.each([
    ["the IV", 0],
    ["the tag", 12],
    ["the ciphertext", 28],
  ])("detects a change to %s", (_, offset) => {
    const sealed = encryptSecret("api-token-value", ctx, v1);
    expect(() => decryptSecret(tamper(sealed, offset), ctx, v1)).toThrow(DecryptError);
  });

  it("detects truncation and garbage", () => {
    const sealed = encryptSecret("api-token-value", ctx, v1);
    expect(() => decryptSecret(sealed.slice(0, -4), ctx, v1)).toThrow(DecryptError);
    expect(() => decryptSecret("pbenc:v1:AAAA", ctx, v1)).toThrow(/truncated/);
    expect(() => decryptSecret("plaintext", ctx, v1)).toThrow(/not in the expected encrypted format/);
  });

  it.each([
    ["another tenant", { ...ctx, tenantId: "tenant-b" }],
    ["another table", { ...ctx, table: "webhooks" }],
    ["another row", { ...ctx, rowId: "row-2" }],
    ["another field", { ...ctx, field: "refresh_token" }],
  ])("refuses a value moved to %s", (_, elsewhere) => {
    const sealed = encryptSecret("api-token-value", ctx, v1);
    expect(() => decryptSecret(sealed, elsewhere, v1)).toThrow(DecryptError);
  });

  it("keeps context fields apart, so shifting text between them does not match", () => {
    const a = { tenantId: "t", table: "a:b", rowId: "c", field: "d" };
    const b = { tenantId: "t", table: "a", rowId: "b:c", field: "d" };
    expect(() => decryptSecret(encryptSecret("s", a, v1), b, v1)).toThrow(DecryptError);
  });

  it("requires every context field", () => {
    expect(() => encryptSecret("s", { ...ctx, rowId: "" }, v1)).toThrow(/non-empty/);
  });

  it("still decrypts values under an older key listed after the current one", () => {
    const old = encryptSecret("legacy", ctx, v1);
    expect(decryptSecret(old, ctx, v2v1)).toBe("legacy");
    expect(keyVersionOf(encryptSecret("new", ctx, v2v1))).toBe("v2");
  });

  it("refuses a value whose version label was swapped, even if both versions hold the same key", () => {
    const bytes = randomBytes(32).toString("base64");
    const sameKeyTwice = parseKeyring(`v2:${bytes},v1:${bytes}`);
    const sealed = encryptSecret("secret", ctx, sameKeyTwice);
    expect(() => decryptSecret(sealed.replace("pbenc:v2:", "pbenc:v1:"), ctx, sameKeyTwice)).toThrow(DecryptError);
    const underV1 = encryptSecret("secret", ctx, v1);
    expect(() => decryptSecret(underV1.replace("pbenc:v1:", "pbenc:v2:"), ctx, v2v1)).toThrow(DecryptError);
  });

  it("says which key is missing when the keyring no longer has it", () => {
    const old = encryptSecret("legacy", ctx, v1);
    expect(() => decryptSecret(old, ctx, v2Only)).toThrow(
      new DecryptError("Stored secret was encrypted with key v1, which is not in PATCHBAY_MASTER_KEY"),
    );
  });

  it("never puts the secret or key material in its errors", () => {
    const sealed = encryptSecret("top-secret-value", ctx, v1);
    try {
      decryptSecret(tamper(sealed, 30), ctx, v1);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain("top-secret-value");
      expect(message).not.toContain(k1.slice(3));
      expect(message).not.toContain(sealed.slice(9));
    }
  });
});

describe("keyVersionOf", () => {
  it("reads the version of an encrypted value and nothing else", () => {
    expect(keyVersionOf(encryptSecret("s", ctx, v2v1))).toBe("v2");
    expect(keyVersionOf("plaintext")).toBeNull();
  });
});

describe("encryptJson / decryptJson", () => {
  it("round-trips a credential object", () => {
    const credentials = { clientId: "abc", clientSecret: "s3cr3t" };
    expect(decryptJson(encryptJson(credentials, ctx, v1), ctx, v1)).toEqual(credentials);
  });

  it("refuses a value that is not an object of strings", () => {
    expect(() => decryptJson(encryptSecret("[1,2]", ctx, v1), ctx, v1)).toThrow(DecryptError);
    expect(() => decryptJson(encryptSecret("not json", ctx, v1), ctx, v1)).toThrow(DecryptError);
    expect(() => decryptJson(encryptSecret('{"n":1}', ctx, v1), ctx, v1)).toThrow(DecryptError);
  });
});
