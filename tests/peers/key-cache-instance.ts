/**
 * Another app instance for the auth-cache test: a separate process on the same PostgreSQL
 * that keeps authenticating a key through the production code path. Every call passes the
 * same instant, so its cached entry never ages out: only a change notification from the
 * instance that revokes can make it refuse the key. Prints "ready" once the key is cached,
 * then "refused" when a call is refused (or "still valid" if none is within the wait).
 */
import { closeDatabase } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys";

async function main() {
  const [secret, waitMs] = process.argv.slice(2);
  const now = new Date();
  if (!(await authenticateApiKey(secret!, null, now)).ok) throw new Error("the key did not authenticate");
  console.log("ready");
  const deadline = Date.now() + Number(waitMs);
  let verdict = "still valid";
  while (Date.now() < deadline) {
    if (!(await authenticateApiKey(secret!, null, now)).ok) {
      verdict = "refused";
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log(verdict);
  await closeDatabase();
}

void main();
