import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, apiKeyUsageHourly } from "@/db/schema";

/**
 * Counts requests per key in memory and writes them every few seconds, one statement per
 * key and hour, so a busy key costs no extra write per request. A crash loses at most the
 * last few seconds of counts, which is acceptable for usage figures.
 */
const FLUSH_AFTER_MS = 5_000;
const HOUR_MS = 3600 * 1000;
type Tally = { keyId: string; hour: Date; requests: number; rateLimited: number; lastUsedAt: Date; lastUsedIp: string | null };
const pending = new Map<string, Tally>();
let timer: ReturnType<typeof setTimeout> | null = null;

function tally(keyId: string, at: Date): Tally {
  const hourMs = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  const id = `${keyId}|${hourMs}`;
  let entry = pending.get(id);
  if (!entry) {
    entry = { keyId, hour: new Date(hourMs), requests: 0, rateLimited: 0, lastUsedAt: at, lastUsedIp: null };
    pending.set(id, entry);
  }
  if (at > entry.lastUsedAt) entry.lastUsedAt = at;
  if (!timer) {
    timer = setTimeout(() => void flushKeyUsage().catch(() => {}), FLUSH_AFTER_MS);
    timer.unref?.();
  }
  return entry;
}

export function recordKeyUse(keyId: string, at = new Date(), ip: string | null = null): void {
  const entry = tally(keyId, at);
  entry.requests += 1;
  if (ip && at >= entry.lastUsedAt) entry.lastUsedIp = ip;
}

export function recordKeyRateLimited(keyId: string, at = new Date()): void {
  tally(keyId, at).rateLimited += 1;
}

export async function flushKeyUsage(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.values()];
  pending.clear();
  for (const t of batch) {
    const at = t.lastUsedAt.toISOString();
    const updated = await db()
      .update(apiKeys)
      .set({
        totalRequests: sql`${apiKeys.totalRequests} + ${t.requests}`,
        lastUsedAt: sql`greatest(coalesce(${apiKeys.lastUsedAt}, ${at}::timestamptz), ${at}::timestamptz)`,
        // Only a use at least as recent as the stored one names the address it came from.
        lastUsedIp: sql`case when ${at}::timestamptz >= coalesce(${apiKeys.lastUsedAt}, ${at}::timestamptz) then coalesce(${t.lastUsedIp}::text, ${apiKeys.lastUsedIp}) else ${apiKeys.lastUsedIp} end`,
      })
      .where(eq(apiKeys.id, t.keyId))
      .returning({ id: apiKeys.id });
    // The key (or its tenant) was deleted since the request: nothing left to count against.
    if (updated.length === 0) continue;
    await db()
      .insert(apiKeyUsageHourly)
      .values({ apiKeyId: t.keyId, hour: t.hour, requests: t.requests, rateLimited: t.rateLimited })
      .onConflictDoUpdate({
        target: [apiKeyUsageHourly.apiKeyId, apiKeyUsageHourly.hour],
        set: {
          requests: sql`${apiKeyUsageHourly.requests} + ${t.requests}`,
          rateLimited: sql`${apiKeyUsageHourly.rateLimited} + ${t.rateLimited}`,
        },
      });
  }
}

export type HourlyUsage = { hour: Date; requests: number; rateLimited: number };

/** The last `hours` hours per key, oldest first, with empty hours filled in. */
export async function keyUsageByHour(keyIds: string[], hours = 24, now = new Date()): Promise<Map<string, HourlyUsage[]>> {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const start = new Date(end - (hours - 1) * HOUR_MS);
  const rows = keyIds.length
    ? await db()
        .select()
        .from(apiKeyUsageHourly)
        .where(and(inArray(apiKeyUsageHourly.apiKeyId, keyIds), gte(apiKeyUsageHourly.hour, start)))
    : [];
  const result = new Map<string, HourlyUsage[]>();
  for (const id of keyIds) {
    result.set(
      id,
      Array.from({ length: hours }, (_, i) => ({ hour: new Date(start.getTime() + i * HOUR_MS), requests: 0, rateLimited: 0 })),
    );
  }
  for (const row of rows) {
    const slot = result.get(row.apiKeyId)?.[Math.round((row.hour.getTime() - start.getTime()) / HOUR_MS)];
    if (slot) {
      slot.requests = row.requests;
      slot.rateLimited = row.rateLimited;
    }
  }
  return result;
}
