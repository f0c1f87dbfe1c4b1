import { sql } from "drizzle-orm";
import { connection, type Connection, type Db } from "@/db/client";
import { logError } from "@/lib/log";
import type { StoredKey } from "./keys";

/**
 * Keys that authenticated recently, held in memory so a valid call costs no key lookup.
 *
 * Entries are found by the SHA-256 of the whole presented key, so only a caller holding the
 * full secret is ever served from here; wrong keys always take the database path. A change
 * that can take a key away (revoke, rotate) forgets it at once in this process and, on
 * PostgreSQL, notifies every other instance on commit (`LISTEN/NOTIFY`). The short TTL bounds
 * what a lost notification could cost: the listening connection reconnects on its own and
 * empties the cache when it does, since notifications sent while it was away are gone.
 * PGlite admits one process, so forgetting in-process is all it needs.
 */
export const KEY_CHANGES_CHANNEL = "patchbay_api_key_changed";
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { key: StoredKey; storedAt: number };
type CacheState = {
  entries: Map<string, Entry>;
  // Bumped on every forget: a lookup that started before it may have read the old row.
  generation: number;
  listener: { conn: Connection; ready: Promise<boolean> } | null;
};

// Next.js may load this module in several bundles of one server process (route handlers,
// server actions); one cache per process means a revoke from the UI reaches the API routes.
const holder = globalThis as typeof globalThis & { __patchbayKeyCache?: CacheState };
function cache(): CacheState {
  holder.__patchbayKeyCache ??= { entries: new Map(), generation: 0, listener: null };
  return holder.__patchbayKeyCache;
}

async function listen(conn: Extract<Connection, { kind: "postgres" }>): Promise<boolean> {
  try {
    await conn.sql.listen(KEY_CHANGES_CHANNEL, forgetKey, forgetAllKeys);
    return true;
  } catch (error) {
    logError("API key cache off: cannot listen for key changes, so every call looks its key up", error);
    return false;
  }
}

/** Whether keys may be served from memory: on PostgreSQL only once this process hears changes. */
export function keyCacheReady(): boolean | Promise<boolean> {
  const conn = connection();
  if (conn.kind === "pglite") return true;
  const state = cache();
  if (state.listener?.conn !== conn) state.listener = { conn, ready: listen(conn) };
  return state.listener.ready;
}

export function cachedKey(hash: string, now: Date): StoredKey | undefined {
  const { entries } = cache();
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (now.getTime() - entry.storedAt >= TTL_MS || now.getTime() < entry.storedAt) {
    entries.delete(hash);
    return undefined;
  }
  return entry.key;
}

export function cacheGeneration(): number {
  return cache().generation;
}

export function rememberKey(hash: string, key: StoredKey, generation: number, now: Date): void {
  const state = cache();
  if (state.generation !== generation) return;
  state.entries.delete(hash);
  // Maps iterate in insertion order, so the first entry is the oldest.
  if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  state.entries.set(hash, { key, storedAt: now.getTime() });
}

export function forgetKey(keyId: string): void {
  const state = cache();
  state.generation += 1;
  for (const [hash, entry] of state.entries) if (entry.key.keyId === keyId) state.entries.delete(hash);
}

function forgetAllKeys(): void {
  const state = cache();
  state.generation += 1;
  state.entries.clear();
}

/** Tells the other instances to forget the key; delivered when `tx` commits, not before. */
export async function announceKeyChange(tx: Db, keyId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${KEY_CHANGES_CHANNEL}, ${keyId})`);
}
