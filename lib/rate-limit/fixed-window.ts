import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";

export type Limit = { limit: number; windowSeconds: number };
export type LimitState = { count: number; limit: number; remaining: number; resetAt: Date; exceeded: boolean };

function windowOf({ windowSeconds }: Limit, now: Date) {
  const ms = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / ms) * ms);
  return { start, end: new Date(start.getTime() + ms) };
}

function stateOf(count: number, rule: Limit, resetAt: Date): LimitState {
  return {
    count,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - count),
    resetAt,
    exceeded: count >= rule.limit,
  };
}

/** Adds `amount` to the key's counter in the current window; one atomic upsert, safe across instances. */
export async function hitLimit(key: string, rule: Limit, amount = 1, now = new Date()): Promise<LimitState> {
  const { start, end } = windowOf(rule, now);
  const [row] = await db()
    .insert(rateLimitCounters)
    .values({ key, windowStart: start, count: amount, expiresAt: end })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + ${amount}` },
    })
    .returning({ count: rateLimitCounters.count });
  return stateOf(row?.count ?? amount, rule, end);
}

export async function peekLimit(key: string, rule: Limit, now = new Date()): Promise<LimitState> {
  const { start, end } = windowOf(rule, now);
  const [row] = await db()
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, start)));
  return stateOf(row?.count ?? 0, rule, end);
}

export async function clearLimit(key: string): Promise<void> {
  await db().delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
}

export async function pruneExpiredLimits(now = new Date()): Promise<number> {
  const rows = await db().delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, now)).returning({ key: rateLimitCounters.key });
  return rows.length;
}
