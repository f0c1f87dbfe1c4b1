import { and, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthClients, oauthClientScopeUsage } from "@/db/schema";
import type { Scope } from "@/lib/api-keys/scopes";
import { logError } from "@/lib/log";
import { withTenant } from "@/lib/tenancy/data";

/**
 * Which scopes each client's calls needed, counted per day in memory and written every few
 * seconds (as API-key usage is), so a call costs no extra write. Feeds the "never used in 30
 * days" suggestion on the clients list.
 */
const FLUSH_AFTER_MS = 5_000;
type Tally = { tenantId: string; clientId: string; scope: Scope; day: string; requests: number };
const pending = new Map<string, Tally>();
let timer: ReturnType<typeof setTimeout> | null = null;

export function recordScopeUse(tenantId: string, clientId: string, scope: Scope, at = new Date()): void {
  const day = at.toISOString().slice(0, 10);
  const id = `${clientId}|${scope}|${day}`;
  let entry = pending.get(id);
  if (!entry) {
    entry = { tenantId, clientId, scope, day, requests: 0 };
    pending.set(id, entry);
  }
  entry.requests += 1;
  if (!timer) {
    timer = setTimeout(() => void flushScopeUsage().catch((error) => logError("OAuth scope usage flush failed", error)), FLUSH_AFTER_MS);
    timer.unref?.();
  }
}

export async function flushScopeUsage(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.values()];
  pending.clear();
  for (const t of batch) {
    // The client may have been deleted since the call: then there is nothing left to count against.
    await withTenant({ tenant: { id: t.tenantId } }, (tx) =>
      tx.execute(sql`
        insert into ${oauthClientScopeUsage} (tenant_id, client_id, scope, day, requests)
        select ${t.tenantId}, ${t.clientId}, ${t.scope}, ${t.day}, ${t.requests}
        where exists (select 1 from ${oauthClients} where ${oauthClients.id} = ${t.clientId})
        on conflict (client_id, scope, day) do update set requests = ${oauthClientScopeUsage}.requests + excluded.requests`),
    );
  }
}

/** Per client, the scopes used on or after `since`. */
export async function scopeUsageSince(tx: Db, clientIds: string[], since: Date): Promise<Map<string, Set<Scope>>> {
  const used = new Map<string, Set<Scope>>();
  if (clientIds.length === 0) return used;
  const rows = await tx
    .selectDistinct({ clientId: oauthClientScopeUsage.clientId, scope: oauthClientScopeUsage.scope })
    .from(oauthClientScopeUsage)
    .where(and(inArray(oauthClientScopeUsage.clientId, clientIds), gte(oauthClientScopeUsage.day, since.toISOString().slice(0, 10))));
  for (const row of rows) {
    if (!used.has(row.clientId)) used.set(row.clientId, new Set());
    used.get(row.clientId)!.add(row.scope);
  }
  return used;
}
