import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { integrationRequestLogs, integrations, type RequestLogSource } from "@/db/schema";
import { env } from "@/lib/env";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { listRequestLogsSchema, type ListRequestLogsInput } from "./schema";
import { loadOwned, visibleTo, withSystem } from "@/lib/tenancy/data";

const EXCERPT_CHARS = 2000;

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

/** Logs the call and counts it in the integration's usage, in one transaction so the two agree. */
export async function recordRequest(entry: RequestLogEntry): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.insert(integrationRequestLogs).values({ ...entry, responseExcerpt: entry.responseExcerpt?.slice(0, EXCERPT_CHARS) ?? null });
    await tx
      .update(integrations)
      .set({
        totalRequests: sql`${integrations.totalRequests} + 1`,
        failedRequests: entry.success ? integrations.failedRequests : sql`${integrations.failedRequests} + 1`,
        // Counting a call is not an edit of the integration.
        updatedAt: sql`${integrations.updatedAt}`,
      })
      .where(eq(integrations.id, entry.integrationId));
  });
}

const CREATED_KEY = instantKey(integrationRequestLogs.createdAt);

export async function listRequestLogs(ctx: TenantContext, integrationId: string, raw: ListRequestLogsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listRequestLogsSchema.parse(raw);
  await loadOwned(integrations, ctx, integrationId);
  const filters: SQL[] = [eq(integrationRequestLogs.integrationId, integrationId), visibleTo(integrationRequestLogs, ctx)];
  if (input.success) filters.push(eq(integrationRequestLogs.success, input.success === "true"));
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
