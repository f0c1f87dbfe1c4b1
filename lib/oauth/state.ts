import type { ConnectInitiator } from "@/db/schema";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { OAUTH_CODE_VERIFIER_COLUMN, oauthStates } from "@/db/schema";
import { contextFor, decryptSecret, encryptSecret, sha256Hex } from "@/lib/crypto";

export const STATE_TTL_MS = 10 * 60 * 1000;

export type StateRow = typeof oauthStates.$inferSelect;

export type NewState = {
  tenantId: string;
  integrationId: string;
  initiator: { type: ConnectInitiator; id: string | null; label: string | null };
  boundUserId: string | null;
  codeVerifier: string | null;
  redirectUri: string;
  scopes: string[];
  returnPath: string;
};

/** PKCE (RFC 7636): a 256-bit verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Stores a new state and returns it; only its hash is kept, so the database alone cannot complete a flow. */
export async function createState(input: NewState, tx: Db = db()): Promise<{ state: string; expiresAt: Date }> {
  const state = randomBytes(32).toString("base64url");
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await tx.insert(oauthStates).values({
    id,
    tenantId: input.tenantId,
    integrationId: input.integrationId,
    stateHash: sha256Hex(state),
    initiatorType: input.initiator.type,
    initiatorId: input.initiator.id,
    initiatorLabel: input.initiator.label,
    boundUserId: input.boundUserId,
    codeVerifier: input.codeVerifier
      ? encryptSecret(input.codeVerifier, contextFor(OAUTH_CODE_VERIFIER_COLUMN, { id, tenantId: input.tenantId }))
      : null,
    redirectUri: input.redirectUri,
    scopes: input.scopes,
    returnPath: input.returnPath,
    expiresAt,
  });
  return { state, expiresAt };
}

export type StateProblem = "missing" | "unknown" | "expired" | "used" | "other_user";

export type ClaimedState = Omit<StateRow, "codeVerifier"> & { codeVerifier: string | null };

/**
 * Takes a state for the callback, once. A state made in the UI belongs to the session of
 * the admin who made it; another session leaves it untouched, so its owner can still finish.
 */
export async function claimState(
  state: string | null,
  sessionUserId: string | null,
): Promise<{ ok: true; row: ClaimedState } | { ok: false; problem: StateProblem }> {
  if (!state) return { ok: false, problem: "missing" };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, sha256Hex(state)))
      .for("update");
    if (!row) return { ok: false as const, problem: "unknown" as const };
    if (row.usedAt) return { ok: false as const, problem: "used" as const };
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false as const, problem: "expired" as const };
    if (row.boundUserId && row.boundUserId !== sessionUserId) return { ok: false as const, problem: "other_user" as const };
    await tx.update(oauthStates).set({ usedAt: new Date() }).where(eq(oauthStates.id, row.id));
    const codeVerifier = row.codeVerifier ? decryptSecret(row.codeVerifier, contextFor(OAUTH_CODE_VERIFIER_COLUMN, row)) : null;
    return { ok: true as const, row: { ...row, codeVerifier } };
  });
}

/** States a day past expiry are of no use, not even to explain a late callback. */
export async function pruneStates(now = new Date()): Promise<void> {
  await db()
    .delete(oauthStates)
    .where(lt(oauthStates.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
}
