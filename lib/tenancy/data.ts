import { AsyncLocalStorage } from "node:async_hooks";
import { and, eq, getTableName, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { connection, db, type Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "./context";

/**
 * Who a read or write is for: the tenant, and for a test-mode API key the narrowing to sandbox
 * integrations. A full TenantContext is one; jobs that act for a tenant pass just its id.
 */
export type TenantScope = { tenant: Pick<TenantContext["tenant"], "id">; sandboxOnly?: boolean };

/**
 * The cross-tenant work there is, named so each use says which one it is: with row-level
 * security, only these run without a tenant.
 */
export type SystemWork =
  | "outbox dispatch"
  | "webhook delivery"
  | "health claims"
  | "health scheduler"
  | "health history prune"
  | "request log prune"
  | "sso domain routing"
  | "sso prune"
  | "audit retention prune"
  | "alert delivery"
  | "alert schedule"
  | "sync scheduler"
  | "export prune"
  | "import prune"
  // Patchbay's OAuth server: the token, revoke and introspect endpoints and the access-token
  // lookup find clients and tokens by what is presented, before any tenant is known.
  | "oauth token endpoint"
  | "oauth token lookup"
  | "oauth consent"
  // Invitation and password-reset links are found by their token before anyone is signed in.
  | "invitation lookup"
  | "password reset lookup"
  // An owner may reset only the password of someone who belongs to no other organisation.
  | "password reset eligibility";

type Ambient = { kind: "tenant"; tenantId: string; tx: Db } | { kind: "system"; work: SystemWork };

// The transaction a tenant's work runs in, so nested service calls join it: PGlite has one
// connection, and a second transaction (or a read outside the first) would wait on it forever.
const ambient = new AsyncLocalStorage<Ambient>();

/**
 * Runs `fn` in a transaction for one tenant, as the role row-level security binds
 * (db/schema/rls.ts): `app.tenant_id` and the role are set for the transaction only (a session
 * `SET` would outlive it on a pooled connection), so a query that forgets its tenant filter still
 * sees and writes only this tenant's rows. Called inside another `withTenant` for the same tenant,
 * it joins that transaction through a savepoint.
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Db) => Promise<T>): Promise<T> {
  const tenantId = scope.tenant.id;
  const outer = ambient.getStore();
  if (outer?.kind === "tenant") {
    if (outer.tenantId !== tenantId) throw new Error("withTenant: already inside another tenant's transaction.");
    return outer.tx.transaction((tx) => ambient.run({ kind: "tenant", tenantId, tx }, () => fn(tx)));
  }
  return db().transaction(async (tx) => {
    // One statement for both, so the seam costs no extra round trip.
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'patchbay_app', true)`);
    return ambient.run({ kind: "tenant", tenantId, tx }, () => fn(tx));
  });
}

/**
 * Runs cross-tenant work (`work` names which) as patchbay_system, the role row-level security
 * lets through. It gets a database handle, not a transaction: delivery and checks call out over
 * the network between statements, and each opens the short transactions it needs.
 */
export async function withSystem<T>(work: SystemWork, fn: (sys: Db) => Promise<T>): Promise<T> {
  return ambient.run({ kind: "system", work }, () => fn(connection().system));
}

/** The handle for a tenant's reads: its transaction inside `withTenant`, the database otherwise. */
export function tenantDb(scope: TenantScope): Db {
  const current = ambient.getStore();
  if (current?.kind === "tenant") {
    if (current.tenantId !== scope.tenant.id) throw new Error("tenantDb: inside another tenant's transaction.");
    return current.tx;
  }
  return db();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

type TenantTable = PgTable & { tenantId: AnyColumn };
type OwnedTable = TenantTable & { id: AnyColumn };

// What a 404 calls a row of each table.
const NOUNS: Record<string, string> = {
  integrations: "Integration",
  webhook_endpoints: "Webhook endpoint",
  webhook_receivers: "Receiver",
  webhook_deliveries: "Delivery",
};

/**
 * The rows of `table` a scope may see: the tenant's, and for a test-mode key only sandbox
 * integrations (the other tables reach integrations through these).
 */
export function visibleTo(table: TenantTable, scope: TenantScope): SQL {
  const sandbox = scope.sandboxOnly && table === integrations ? eq(integrations.environment, "sandbox") : undefined;
  return and(eq(table.tenantId, scope.tenant.id), sandbox)!;
}

/**
 * A row of the scope's tenant by id, locked for update when `lock` is set (inside `withTenant`).
 * A malformed id, another tenant's id and a missing one all answer the same 404, so ids reveal nothing.
 */
export async function loadOwned<T extends OwnedTable>(
  table: T,
  scope: TenantScope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<T["$inferSelect"]> {
  const noun = NOUNS[getTableName(table)] ?? "Record";
  if (!isUuid(id)) throw notFound(noun);
  const handle = tenantDb(scope);
  if (options.lock && handle === db()) throw new Error("loadOwned: a lock needs withTenant's transaction.");
  const query = handle
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, id), visibleTo(table, scope)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound(noun);
  return row as T["$inferSelect"];
}
