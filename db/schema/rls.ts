import { sql, type SQL } from "drizzle-orm";
import { pgPolicy, pgRole, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * The role a tenant's transaction runs as (`withTenant` switches to it): no BYPASSRLS, so the
 * policies below hold even where a query forgets its tenant filter. Created by migration
 * 0016_rls_roles, idempotently, since roles belong to the server, not to one database.
 */
export const appRole = pgRole("patchbay_app").existing();

/** The role cross-tenant work (lib/tenancy/data.ts' SystemWork) is allowed through by. */
export const systemRole = pgRole("patchbay_system").existing();

// `true` as set_config's third argument makes the setting transaction-local: once the transaction
// ends it reads '' (not NULL), hence nullif. Wrapped in a subquery so it is evaluated once per
// query rather than once per row.
const currentTenant: SQL = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;

/**
 * Row-level security for a table with a `tenant_id`: the app role sees and writes only the rows
 * of the tenant its transaction set; the system role all. Spread into the table's extra config.
 * drizzle-kit enables RLS for a table with policies but cannot force it (so the owner is bound
 * too): append `alter table … force row level security` to the migration; db/rls.test.ts fails
 * for a tenant table without both.
 */
export function tenantIsolation(t: { tenantId: AnyPgColumn }) {
  const own = sql`${t.tenantId} = ${currentTenant}`;
  return [
    pgPolicy("tenant_isolation", { as: "permissive", for: "all", to: appRole, using: own, withCheck: own }),
    pgPolicy("system_work", { as: "permissive", for: "all", to: systemRole, using: sql`true`, withCheck: sql`true` }),
  ];
}
