import { parseKeyring, type Keyring } from "./keyring";
import { loadSecrets } from "./secret-files";

let cached: Keyring | null = null;

/** The running process's keyring, from PATCHBAY_MASTER_KEY or the generated key file. */
export function processKeyring(): Keyring {
  if (!cached) {
    const { masterKey, masterKeySource } = loadSecrets();
    cached = parseKeyring(masterKey, masterKeySource);
  }
  return cached;
}
