import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { integrationRequestLogs, integrations, type RequestLogSource } from "@/db/schema";
import { env } from "@/lib/env";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { listRequestLogsSchema, type ListRequestLogsInput } from "./schema";
import { loadOwned, visibleTo, withSystem } from "@/lib/tenancy/data";

const EXCERPT_CHARS = 2000;
const URL_CHARS = 2000;
const ERROR_CHARS = 500;

/** One outbound call, already redacted by the caller. */
export type RequestLogEntry = {
  tenantId: string;
  integrationId: string;
  source: RequestLogSource;
  sourceId: string | null;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  success: boolean;
  error: string | null;
};

/** Logs the call, cut to size; usage is counted apart (./usage.ts), for logged and unlogged calls alike. */
export async function recordRequest(entry: RequestLogEntry): Promise<void> {
  await db()
    .insert(integrationRequestLogs)
    .values({
      ...entry,
      url: entry.url.slice(0, URL_CHARS),
      responseExcerpt: entry.responseExcerpt?.slice(0, EXCERPT_CHARS) ?? null,
      error: entry.error?.slice(0, ERROR_CHARS) ?? null,
    });
}

const SAMPLE_EVERY_MS = 3_600_000;
const lastSampled = new Map<string, number>();

/**
 * Whether a successful call of a sampled source goes in the log: the first in each hour per
 * integration and source, in this process. Failures always go in. Health checks are sampled:
 * 10,000 integrations every 30 s would otherwise write 333 rows a second of "200 OK".
 */
export function sampleSuccess(integrationId: string, source: RequestLogSource, now = Date.now()): boolean {
  const key = `${integrationId}|${source}`;
  const last = lastSampled.get(key);
  if (last !== undefined && now - last < SAMPLE_EVERY_MS) return false;
  lastSampled.set(key, now);
  return true;
}

const CREATED_KEY = instantKey(integrationRequestLogs.createdAt);

export async function listRequestLogs(ctx: TenantContext, integrationId: string, raw: ListRequestLogsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listRequestLogsSchema.parse(raw);
  await loadOwned(integrations, ctx, integrationId);
  const filters: SQL[] = [eq(integrationRequestLogs.integrationId, integrationId), visibleTo(integrationRequestLogs, ctx)];
  if (input.success) filters.push(eq(integrationRequestLogs.success, input.success === "true"));
  if (input.source) filters.push(eq(integrationRequestLogs.source, input.source));
  if (input.cursor)
    filters.push(
      afterCursor(input.cursor, cursorShapes.instantThenId, [integrationRequestLogs.createdAt, integrationRequestLogs.id], true),
    );
  const rows = await db()
    .select({ log: integrationRequestLogs, sortKey: CREATED_KEY })
    .from(integrationRequestLogs)
    .where(and(...filters))
    .orderBy(desc(integrationRequestLogs.createdAt), desc(integrationRequestLogs.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.log.id]);
  return {
    data: page.map(({ log }) => ({
      id: log.id,
      source: log.source,
      source_id: log.sourceId,
      method: log.method,
      url: log.url,
      request_headers: log.requestHeaders,
      status_code: log.statusCode,
      duration_ms: log.durationMs,
      response_excerpt: log.responseExcerpt,
      success: log.success,
      error: log.error,
      created_at: log.createdAt.toISOString(),
    })),
    next_cursor,
  };
}

/** Deletes log entries older than the retention period; run daily by the maintenance job. */
export async function pruneRequestLogs(now = new Date(), retentionDays = env().requestLogRetentionDays): Promise<number> {
  return withSystem("request log prune", async (sys) => {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const deleted = await sys
      .delete(integrationRequestLogs)
      .where(lt(integrationRequestLogs.createdAt, cutoff))
      .returning({ id: integrationRequestLogs.id });
    return deleted.length;
  });
}
