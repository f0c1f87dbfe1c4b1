import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";

/**
 * Counts requests per key in memory and writes them in one statement per key every few
 * seconds, so a busy key costs no extra write per request. A crash loses at most the
 * last few seconds of counts, which is acceptable for a usage hint.
 */
const FLUSH_AFTER_MS = 5_000;
const pending = new Map<string, { count: number; lastUsedAt: Date }>();
let timer: ReturnType<typeof setTimeout> | null = null;

export function recordKeyUse(keyId: string, at = new Date()): void {
  const entry = pending.get(keyId);
  if (entry) {
    entry.count += 1;
    if (at > entry.lastUsedAt) entry.lastUsedAt = at;
  } else pending.set(keyId, { count: 1, lastUsedAt: at });
  if (!timer) {
    timer = setTimeout(() => void flushKeyUsage().catch(() => {}), FLUSH_AFTER_MS);
    timer.unref?.();
  }
}

export async function flushKeyUsage(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.entries()];
  pending.clear();
  for (const [keyId, { count, lastUsedAt }] of batch) {
    await db()
      .update(apiKeys)
      .set({
        totalRequests: sql`${apiKeys.totalRequests} + ${count}`,
        lastUsedAt: sql`greatest(coalesce(${apiKeys.lastUsedAt}, ${lastUsedAt.toISOString()}::timestamptz), ${lastUsedAt.toISOString()}::timestamptz)`,
      })
      .where(eq(apiKeys.id, keyId));
  }
}
