import { sql } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { withSystem } from "@/lib/tenancy/data";
import { CONFIG_DEFAULTS, type IntegrationConfig } from "@/lib/integrations/schema";
import type { AuthType } from "@/lib/providers";
import type { CheckTarget } from "./check";

export type ClaimedCheck = CheckTarget & { dueAt: Date; enabled: boolean };

type ClaimRow = {
  integration_id: string;
  tenant_id: string;
  due_ms: number;
  status: string;
  provider: string;
  auth_type: AuthType;
  base_url: string;
  config: IntegrationConfig | string;
  credentials: string | null;
};

const INTERVAL = sql`coalesce((i.config->>'polling_interval_seconds')::int, ${sql.raw(String(CONFIG_DEFAULTS.polling_interval_seconds))})`;

/**
 * Claims up to `limit` due checks and moves each one's next_check_at an interval (±5%
 * jitter, so checks due together drift apart) ahead in the same statement. SKIP LOCKED lets
 * any number of claimers run at once without ever handing the same check to two of them.
 * Disabled integrations are claimed too, which moves them along, but come back marked so the
 * caller does not check them.
 */
export async function claimDueChecks(limit: number): Promise<ClaimedCheck[]> {
  return limit > 0 ? withSystem("health claims", () => claim(limit)) : [];
}

async function claim(limit: number): Promise<ClaimedCheck[]> {
  // `= any(array(…))` rather than a join on the subquery: it keeps the update on the primary-key
  // index whatever the planner's statistics say (PGlite never analyzes; a hash join would scan
  // every row on each claim).
  const result = await db().execute(sql`
    update integration_health h
    set due_at = h.next_check_at,
        next_check_at = now() + make_interval(secs => ${INTERVAL} * (0.95 + random() * 0.1))
    from integrations i
    where i.id = h.integration_id and h.integration_id = any(array(
      select integration_id from integration_health
      where next_check_at <= now()
      order by next_check_at
      limit ${limit}
      for update skip locked
    ))
    returning h.integration_id, h.tenant_id, (extract(epoch from h.due_at) * 1000)::float8 as due_ms,
      i.status, i.provider, i.auth_type, i.base_url, i.config, i.credentials`);
  return rowsOf<ClaimRow>(result).map((r) => ({
    integrationId: r.integration_id,
    tenantId: r.tenant_id,
    dueAt: new Date(Number(r.due_ms)),
    enabled: r.status === "enabled",
    provider: r.provider,
    authType: r.auth_type,
    baseUrl: r.base_url,
    config: typeof r.config === "string" ? (JSON.parse(r.config) as IntegrationConfig) : r.config,
    credentials: r.credentials,
  }));
}

/**
 * Gives integrations that have no health state yet (new ones) a row, first check due
 * somewhere within their interval so a batch of new integrations does not land at once.
 */
export async function adoptNewIntegrations(): Promise<number> {
  return withSystem("health scheduler", async (sys) => rowsOf(await sys.execute(adoptSql)).length);
}

const adoptSql = sql`
    insert into integration_health (integration_id, tenant_id, next_check_at)
    select i.id, i.tenant_id, now() + random() * make_interval(secs => ${INTERVAL})
    from integrations i
    where not exists (select 1 from integration_health h where h.integration_id = i.id)
    on conflict do nothing
    returning integration_id`;
