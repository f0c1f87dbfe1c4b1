import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { generateKeySpec } from "./keyring";

export type SecretSettings = {
  masterKey: string | null;
  authSecret: string | null;
  dataDir: string;
  databaseUrl: string | null;
  isProduction: boolean;
};

export type Secrets = {
  masterKey: string;
  /** Where the master key came from, for error messages about it. */
  masterKeySource: string;
  /** Signs Auth.js session tokens. */
  authSecret: string;
  /** Files written by this call, so start-up can tell the operator to back them up. */
  created: string[];
};

export const MASTER_KEY_FILE = "master.key";
export const AUTH_SECRET_FILE = "auth.secret";
const MIN_AUTH_SECRET_LENGTH = 32;

export function loadSecretsFrom(settings: SecretSettings): Secrets {
  const { dataDir } = settings;
  const memory = dataDir === "memory://";
  if (!settings.masterKey && settings.databaseUrl && settings.isProduction) {
    // A key file on one instance's disk is invisible to the others and lost with the
    // container, taking every stored credential with it: require the operator to hold it.
    throw new Error(
      "PATCHBAY_MASTER_KEY is required when DATABASE_URL is set in production. " +
        "Set it to v1:<base64 of 32 random bytes>, e.g. v1:$(openssl rand -base64 32), and keep a copy somewhere safe.",
    );
  }
  const created: string[] = [];
  const fromFile = (name: string, generate: () => string) => {
    const file = path.join(dataDir, name);
    if (readOrCreate(file, generate)) created.push(file);
    return fs.readFileSync(file, "utf8").trim();
  };

  let masterKey = settings.masterKey;
  let masterKeySource = "PATCHBAY_MASTER_KEY";
  if (!masterKey) {
    masterKey = memory ? generateKeySpec() : fromFile(MASTER_KEY_FILE, () => generateKeySpec());
    if (!memory) masterKeySource = `PATCHBAY_MASTER_KEY file ${path.join(dataDir, MASTER_KEY_FILE)}`;
  }

  let authSecret = settings.authSecret;
  if (!authSecret) {
    const generate = () => randomBytes(48).toString("base64url");
    authSecret = memory ? generate() : fromFile(AUTH_SECRET_FILE, generate);
    // AUTH_SECRET's own minimum, applied to a file someone may have edited by hand.
    if (authSecret.length < MIN_AUTH_SECRET_LENGTH) {
      throw new Error(`${path.join(dataDir, AUTH_SECRET_FILE)} must hold at least ${MIN_AUTH_SECRET_LENGTH} characters`);
    }
  }
  return { masterKey, masterKeySource, authSecret, created };
}

/**
 * Creates the file unless it exists; true if this call created it. The value is written to
 * a private temporary file and hard-linked into place, which fails if the name is taken, so
 * two processes starting together agree on one value and neither sees a half-written file.
 */
function readOrCreate(file: string, generate: () => string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(temp, `${generate()}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.unlinkSync(temp);
  }
}

let cached: Secrets | null = null;

/** Memoized: in memory mode the generated values must stay the same for the whole process. */
export function loadSecrets(): Secrets {
  cached ??= loadSecretsFrom(env());
  return cached;
}

/** The one start-up line about generated files, or null when none were created. */
export function describeCreated(created: string[]): string | null {
  if (created.length === 0) return null;
  const names = created.map((file) => path.basename(file));
  const what = [names.includes(MASTER_KEY_FILE) ? "master key" : null, names.includes(AUTH_SECRET_FILE) ? "auth secret" : null].filter(
    Boolean,
  );
  const where = path.dirname(created[0]!);
  const line = `Generated ${what.join(" and ")} in ${where} (mode 0600)`;
  if (!names.includes(MASTER_KEY_FILE)) return `${line}.`;
  return `${line} — back ${what.length > 1 ? "them" : "it"} up: without the master key stored credentials cannot be decrypted.`;
}
