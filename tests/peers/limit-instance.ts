/**
 * A second (third…) app instance for the rate-limit test: a separate process on the same
 * PostgreSQL, consuming a key's per-minute limit through the production code path.
 * `at` is one instant or several, comma-separated, each getting `attempts` calls. Prints how
 * many of its attempts were allowed.
 */
import { closeDatabase } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys";
import { consumeKeyLimits } from "@/lib/api-keys/limits";

async function main() {
  const [secret, attempts, at] = process.argv.slice(2);
  const auth = await authenticateApiKey(secret!, null);
  if (!auth.ok) throw new Error("the key did not authenticate");
  let allowed = 0;
  for (const instant of at!.split(",")) {
    for (let i = 0; i < Number(attempts); i++) if ((await consumeKeyLimits(auth.key, new Date(instant))).allowed) allowed++;
  }
  console.log(allowed);
  await closeDatabase();
}

void main();
