import { sql } from "drizzle-orm";
import { connection, type Connection, type Db } from "@/db/client";
import { logError } from "@/lib/log";

/**
 * Access tokens that authenticated recently, held in memory so a valid call costs no lookup;
 * the same design as the API-key cache (lib/api-keys/auth-cache.ts). Entries are found by the
 * SHA-256 of the presented token. Whatever can take a token away (revoke, a grant revoked,
 * reuse detected, a client changed, rotated or deleted) forgets the affected entries here and,
 * on PostgreSQL, notifies every other instance when its transaction commits. Notifications name
 * `token:<id>`, `grant:<id>` or `client:<id>`.
 */
export const TOKEN_CHANGES_CHANNEL = "patchbay_oauth_token_changed";
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type TokenTarget = { kind: "token" | "grant" | "client"; id: string };
export type CachedOwners = { tokenId: string; grantId: string | null; clientId: string };

type Entry<T> = { value: T; owners: CachedOwners; storedAt: number };
type CacheState = {
  entries: Map<string, Entry<unknown>>;
  generation: number;
  listener: { conn: Connection; ready: Promise<boolean> } | null;
};

const holder = globalThis as typeof globalThis & { __patchbayOAuthTokenCache?: CacheState };
function cache(): CacheState {
  holder.__patchbayOAuthTokenCache ??= { entries: new Map(), generation: 0, listener: null };
  return holder.__patchbayOAuthTokenCache;
}

function parseTarget(payload: string): TokenTarget | null {
  const [kind, id] = payload.split(":");
  return (kind === "token" || kind === "grant" || kind === "client") && id ? { kind, id } : null;
}

async function listen(conn: Extract<Connection, { kind: "postgres" }>): Promise<boolean> {
  try {
    await conn.sql.listen(
      TOKEN_CHANGES_CHANNEL,
      (payload) => {
        const target = parseTarget(payload);
        if (target) forgetTokens(target);
        else forgetAllTokens();
      },
      forgetAllTokens,
    );
    return true;
  } catch (error) {
    logError("OAuth token cache off: cannot listen for token changes, so every call looks its token up", error);
    return false;
  }
}

export function tokenCacheReady(): boolean | Promise<boolean> {
  const conn = connection();
  if (conn.kind === "pglite") return true;
  const state = cache();
  if (state.listener?.conn !== conn) state.listener = { conn, ready: listen(conn) };
  return state.listener.ready;
}

export function cachedToken<T>(hash: string, now: Date): T | undefined {
  const { entries } = cache();
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (now.getTime() - entry.storedAt >= TTL_MS || now.getTime() < entry.storedAt) {
    entries.delete(hash);
    return undefined;
  }
  return entry.value as T;
}

export function tokenCacheGeneration(): number {
  return cache().generation;
}

export function rememberToken<T>(hash: string, value: T, owners: CachedOwners, generation: number, now: Date): void {
  const state = cache();
  if (state.generation !== generation) return;
  state.entries.delete(hash);
  if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  state.entries.set(hash, { value, owners, storedAt: now.getTime() });
}

const OWNER_FIELD = { token: "tokenId", grant: "grantId", client: "clientId" } as const;

export function forgetTokens(target: TokenTarget): void {
  const state = cache();
  state.generation += 1;
  const field = OWNER_FIELD[target.kind];
  for (const [hash, entry] of state.entries) if (entry.owners[field] === target.id) state.entries.delete(hash);
}

function forgetAllTokens(): void {
  const state = cache();
  state.generation += 1;
  state.entries.clear();
}

/** Tells the other instances to forget; delivered when `tx` commits. Call forgetTokens after the commit too. */
export async function announceTokenChange(tx: Db, target: TokenTarget): Promise<void> {
  await tx.execute(sql`select pg_notify(${TOKEN_CHANGES_CHANNEL}, ${`${target.kind}:${target.id}`})`);
}
