import { describeCreated, loadSecrets } from "@/lib/crypto/secret-files";

/** Loads (creating on first use) the master key and auth secret, saying once when files were made. */
export function loadSecretsWithNotice(): void {
  const line = describeCreated(loadSecrets().created);
  if (line) console.log(line);
}
