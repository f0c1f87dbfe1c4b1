import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { oauthServerTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { ownerContext } from "@/tests/fixtures";
import { spawnInstance } from "@/tests/peers/instance";
import { authenticateAccessToken } from "./access";
import { createOAuthClient, deleteOAuthClient } from "./clients";
import { revokeEndpoint, tokenEndpoint } from "./server";

const sharedDatabase = Boolean(env().databaseUrl);

async function issued() {
  const owner = await ownerContext();
  const { client, clientSecret } = await createOAuthClient(owner, {
    name: "Sync",
    scopes: ["integrations:read"],
    grant_types: ["client_credentials"],
  });
  const params = { client_id: client.client_id, client_secret: clientSecret! };
  const { access_token } = await tokenEndpoint({
    params: new URLSearchParams({ grant_type: "client_credentials", ...params }),
    authorization: null,
  });
  const revoke = () => revokeEndpoint({ params: new URLSearchParams({ token: access_token, ...params }), authorization: null });
  return { owner, client, token: access_token, revoke };
}

async function watchFromAnotherInstance(token: string, act: () => Promise<void>) {
  const peer = spawnInstance("tests/peers/oauth-access-instance.ts", [token, "15000"]);
  let output = "";
  const ready = new Promise<void>((resolve) =>
    peer.stdout.on("data", (chunk) => (output += chunk) && output.includes("ready") && resolve()),
  );
  const exited = new Promise((resolve) => peer.on("exit", resolve));
  await ready;
  await act();
  await exited;
  return output.trim().split("\n");
}

describe("OAuth access-token cache", () => {
  it("serves a token it has seen for a few seconds, then looks it up again", async () => {
    const { token } = await issued();
    const now = new Date();
    expect(await authenticateAccessToken(token, now)).not.toBeNull();
    // A change behind the services' back (no notification) is seen once the entry ages out.
    await db().update(oauthServerTokens).set({ revokedAt: now }).where(eq(oauthServerTokens.kind, "access"));
    expect(await authenticateAccessToken(token, new Date(now.getTime() + 1_000))).not.toBeNull();
    expect(await authenticateAccessToken(token, new Date(now.getTime() + 6_000))).toBeNull();
  });

  it("refuses a revoked token on the very next call, and a cached token past its expiry", async () => {
    const { token, revoke } = await issued();
    const now = new Date();
    const grant = await authenticateAccessToken(token, now);
    expect(grant).not.toBeNull();
    expect(await authenticateAccessToken(token, new Date(grant!.expiresAt.getTime() + 1))).toBeNull();
    await revoke();
    expect(await authenticateAccessToken(token, now)).toBeNull();
  });

  it.runIf(sharedDatabase)(
    "another instance refuses a token revoked here once the change notification reaches it",
    async () => {
      const { token, revoke } = await issued();
      expect(await watchFromAnotherInstance(token, revoke)).toEqual(["ready", "refused"]);
    },
    60_000,
  );

  it.runIf(sharedDatabase)(
    "another instance refuses the tokens of a client deleted here",
    async () => {
      const { owner, client, token } = await issued();
      expect(await watchFromAnotherInstance(token, () => deleteOAuthClient(owner, client.id))).toEqual(["ready", "refused"]);
    },
    60_000,
  );
});
