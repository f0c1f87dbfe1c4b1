/**
 * A second app instance for the single-flight test: a separate process on the same
 * PostgreSQL asking for an integration's access token from many callers at one instant,
 * through the production path. Prints the SHA-256 of each token it got, one per line.
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { closeDatabase } from "@/db/client";
import { getAccessToken } from "@/lib/oauth";

async function main() {
  const [integrationId, tenantId, callers, startAt] = process.argv.slice(2);
  await sleep(Math.max(0, Number(startAt) - Date.now()));
  const tokens = await Promise.all(
    Array.from({ length: Number(callers) }, () => getAccessToken({ id: integrationId!, tenantId: tenantId! })),
  );
  for (const token of tokens) console.log(createHash("sha256").update(token).digest("hex"));
  await closeDatabase();
}

void main();
