import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseKeyring } from "./keyring";
import { describeCreated, loadSecretsFrom, type SecretSettings } from "./secret-files";

let dataDir: string;
const settings = (overrides: Partial<SecretSettings> = {}): SecretSettings => ({
  masterKey: null,
  authSecret: null,
  dataDir,
  databaseUrl: null,
  isProduction: false,
  ...overrides,
});

beforeEach(() => {
  // A directory that does not exist yet, as on a first start.
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-secrets-")), "data");
});
afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("loadSecretsFrom", () => {
  it("creates a usable master key and auth secret readable only by the owner on first start", () => {
    const first = loadSecretsFrom(settings());
    const keyFile = path.join(dataDir, "master.key");
    const secretFile = path.join(dataDir, "auth.secret");
    expect(first.created).toEqual([keyFile, secretFile]);
    expect(mode(keyFile)).toBe(0o600);
    expect(mode(secretFile)).toBe(0o600);
    expect(parseKeyring(first.masterKey).current.version).toBe("v1");
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(fs.readdirSync(dataDir).sort()).toEqual(["auth.secret", "master.key"]);
  });

  it("reads the same values on the next start and creates nothing", () => {
    const first = loadSecretsFrom(settings());
    const second = loadSecretsFrom(settings());
    expect(second.created).toEqual([]);
    expect(second.masterKey).toBe(first.masterKey);
    expect(second.authSecret).toBe(first.authSecret);
  });

  it("prefers values from the environment and then writes no files", () => {
    const masterKey = `v1:${Buffer.alloc(32, 7).toString("base64")}`;
    const authSecret = "a".repeat(40);
    const secrets = loadSecretsFrom(settings({ masterKey, authSecret }));
    expect(secrets).toMatchObject({ masterKey, authSecret, created: [], masterKeySource: "PATCHBAY_MASTER_KEY" });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("refuses to start in production on an external database without a master key", () => {
    const production = settings({ databaseUrl: "postgres://db/patchbay", isProduction: true });
    expect(() => loadSecretsFrom(production)).toThrow(/PATCHBAY_MASTER_KEY is required when DATABASE_URL is set in production/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("generates a key file for an external database outside production", () => {
    expect(loadSecretsFrom(settings({ databaseUrl: "postgres://db/patchbay" })).created).toHaveLength(2);
  });

  it("keeps everything in memory in memory mode", () => {
    const secrets = loadSecretsFrom(settings({ dataDir: "memory://" }));
    expect(secrets.created).toEqual([]);
    expect(parseKeyring(secrets.masterKey).current.key).toHaveLength(32);
    expect(fs.existsSync("memory:")).toBe(false);
  });

  it("points at the key file when its contents are broken", () => {
    loadSecretsFrom(settings());
    fs.writeFileSync(path.join(dataDir, "master.key"), "v1:short\n");
    const { masterKey, masterKeySource } = loadSecretsFrom(settings());
    expect(() => parseKeyring(masterKey, masterKeySource)).toThrow(path.join(dataDir, "master.key"));
  });
});

describe("describeCreated", () => {
  it("tells the operator once what was generated and to back it up", () => {
    const created = [path.join(dataDir, "master.key"), path.join(dataDir, "auth.secret")];
    expect(describeCreated(created)).toBe(
      `Generated master key and auth secret in ${dataDir} (mode 0600) — back them up: without the master key stored credentials cannot be decrypted.`,
    );
    expect(describeCreated([path.join(dataDir, "auth.secret")])).toBe(`Generated auth secret in ${dataDir} (mode 0600).`);
    expect(describeCreated([])).toBeNull();
  });
});
