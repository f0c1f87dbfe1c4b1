/**
 * Another app instance for the OAuth token-cache test: a separate process on the same PostgreSQL
 * that keeps authenticating an access token through the production code path, always at the same
 * instant so its cached entry never ages out: only a change notification from the instance that
 * revokes can make it refuse. Prints "ready" once the token is cached, then "refused" (or
 * "still valid" if nothing arrives within the wait).
 */
import { closeDatabase } from "@/db/client";
import { authenticateAccessToken } from "@/lib/oauth-server/access";

async function main() {
  const [token, waitMs] = process.argv.slice(2);
  const now = new Date();
  if (!(await authenticateAccessToken(token!, now))) throw new Error("the token did not authenticate");
  console.log("ready");
  const deadline = Date.now() + Number(waitMs);
  let verdict = "still valid";
  while (Date.now() < deadline) {
    if (!(await authenticateAccessToken(token!, now))) {
      verdict = "refused";
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log(verdict);
  await closeDatabase();
}

void main();
