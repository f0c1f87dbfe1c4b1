import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";

/**
 * What can change behind an open page, one cheap aggregate each (a handful of index lookups per
 * tenant, whatever the history's size). A feature whose rows should update open pages adds its own
 * here: the stamp is text, so a new source only lengthens it.
 */
const SOURCES: Record<string, (tenantId: string) => SQL> = {
  activity: (t) => sql`(select max(created_at) from audit_events where tenant_id = ${t})`,
  integrations: (t) => sql`(select max(updated_at) from integrations where tenant_id = ${t})`,
  health: (t) =>
    sql`(select max(greatest(last_checked_at, status_changed_at, last_error_at)) from integration_health where tenant_id = ${t})`,
  oauth: (t) => sql`(select max(updated_at) from oauth_connections where tenant_id = ${t})`,
  requests: (t) => sql`(select max(l.at) from integrations i cross join lateral (
      select max(created_at) as at from integration_request_logs where integration_id = i.id) l where i.tenant_id = ${t})`,
  received: (t) => sql`(select max(r.at) from integrations i cross join lateral (
      select max(received_at) as at from received_webhook_events where integration_id = i.id) r where i.tenant_id = ${t})`,
  endpoints: (t) => sql`(select max(greatest(updated_at, failing_since)) from webhook_endpoints where tenant_id = ${t})`,
  deliveries: (t) => sql`(select max(greatest(d.created_at, d.attempted)) from webhook_endpoints e cross join lateral (
      select max(created_at) as created_at, max(last_attempt_at) as attempted from webhook_deliveries where endpoint_id = e.id) d
      where e.tenant_id = ${t})`,
};

/**
 * A fingerprint of the tenant's changing state: equal stamps mean nothing an open page shows has
 * changed, so the browser's poll (components/live) re-renders the page only when this differs.
 */
export async function liveStamp(ctx: Pick<TenantContext, "tenant">): Promise<string> {
  const tenantId = ctx.tenant.id;
  const columns = Object.entries(SOURCES).map(([name, source]) => sql`${source(tenantId)}::text as ${sql.identifier(name)}`);
  const result = await withTenant(ctx, (tx) => tx.execute(sql`select ${sql.join(columns, sql`, `)}`));
  const row = rowsOf<Record<string, string | null>>(result)[0] ?? {};
  return Object.keys(SOURCES)
    .map((name) => row[name] ?? "")
    .join("|");
}
