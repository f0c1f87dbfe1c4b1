import { and, asc, eq, gt, ilike, inArray, or, sql } from "drizzle-orm";
import { entities, records, syncStreams, type RecordConflict, type StoredEntityField } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { conflict, invalid, notFound } from "@/lib/errors";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";
import { createEntitySchema, listRecordsSchema, updateEntitySchema } from "./schema";
import { entityTemplate } from "./templates";

type EntityRow = typeof entities.$inferSelect;
type RecordRowDb = typeof records.$inferSelect;

export type EntityView = {
  key: string;
  name: string;
  description: string;
  template: string | null;
  fields: StoredEntityField[];
  key_fields: string[];
  created_at: string;
  updated_at: string;
};

export function entityView(row: EntityRow): EntityView {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    template: row.template,
    fields: row.fields,
    key_fields: row.keyFields,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export type RecordView = {
  id: string;
  entity: string;
  source: { type: string; id: string };
  external_id: string;
  data: Record<string, unknown>;
  hash: string;
  first_seen_at: string;
  last_modified_at: string;
  last_action: string;
  deleted_at: string | null;
  remote_ids: Record<string, string>;
  conflicts: Record<string, RecordConflict>;
};

export function recordView(row: RecordRowDb, entityKey: string): RecordView {
  return {
    id: row.id,
    entity: entityKey,
    source: { type: row.sourceType, id: row.sourceId },
    external_id: row.externalId,
    data: row.data,
    hash: row.hash,
    first_seen_at: row.firstSeenAt.toISOString(),
    last_modified_at: row.lastModifiedAt.toISOString(),
    last_action: row.lastAction,
    deleted_at: row.deletedAt?.toISOString() ?? null,
    remote_ids: row.remoteIds,
    conflicts: row.conflicts,
  };
}

function parse<T>(
  schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join(".") || "_"] ??= issue.message;
    throw invalid("The entity is not valid.", fields);
  }
  return parsed.data;
}

// A key that no entity can have (NUL, lone surrogates, anything off the key grammar) is a 404 before it reaches SQL.
const ENTITY_KEY = /^[a-z][a-z0-9_]{0,62}$/;
function checkKey(key: string) {
  if (!ENTITY_KEY.test(key)) throw notFound("Entity");
}

export async function listEntities(scope: TenantScope): Promise<EntityView[]> {
  return withTenant(scope, async (tx) => {
    const rows = await tx.select().from(entities).where(eq(entities.tenantId, scope.tenant.id)).orderBy(asc(entities.key));
    return rows.map(entityView);
  });
}

export async function loadEntity(scope: TenantScope, key: string): Promise<EntityRow> {
  checkKey(key);
  return withTenant(scope, async (tx) => {
    const [row] = await tx
      .select()
      .from(entities)
      .where(and(eq(entities.tenantId, scope.tenant.id), eq(entities.key, key)));
    if (!row) throw notFound("Entity");
    return row;
  });
}

export async function getEntity(scope: TenantScope, key: string): Promise<EntityView> {
  return entityView(await loadEntity(scope, key));
}

export async function createEntity(ctx: TenantContext, input: unknown): Promise<EntityView> {
  requireRole(ctx, "admin");
  const value = parse(createEntitySchema, input);
  const template = value.template ? entityTemplate(value.template) : undefined;
  const fields = value.fields ?? template?.fields ?? [];
  const keyFields = value.key_fields ?? template?.key_fields ?? [];
  const known = new Set(fields.map((f) => f.key));
  const stray = keyFields.find((k) => !known.has(k));
  if (stray) throw invalid("The entity is not valid.", { key_fields: `${stray} is not one of the entity's fields.` });
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(entities)
      .values({
        tenantId: ctx.tenant.id,
        key: value.key,
        name: value.name,
        description: value.description ?? template?.description ?? "",
        fields,
        keyFields,
        template: template?.key ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`An entity with the key ${value.key} exists.`, { key: "This key is taken." });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "entity.created",
        target: { type: "entity", id: row.id },
        details: { key: row.key, template: row.template },
      },
      tx,
    );
    return entityView(row);
  });
}

export async function updateEntity(ctx: TenantContext, key: string, input: unknown): Promise<EntityView> {
  requireRole(ctx, "admin");
  checkKey(key);
  const value = parse(updateEntitySchema, input);
  return withTenant(ctx, async (tx) => {
    const [current] = await tx
      .select()
      .from(entities)
      .where(and(eq(entities.tenantId, ctx.tenant.id), eq(entities.key, key)))
      .for("update");
    if (!current) throw notFound("Entity");
    const fields = value.fields ?? current.fields;
    const keyFields = value.key_fields ?? current.keyFields.filter((k) => fields.some((f) => f.key === k));
    const stray = keyFields.find((k) => !fields.some((f) => f.key === k));
    if (stray) throw invalid("The entity is not valid.", { key_fields: `${stray} is not one of the entity's fields.` });
    const [row] = await tx
      .update(entities)
      .set({ name: value.name ?? current.name, description: value.description ?? current.description, fields, keyFields })
      .where(eq(entities.id, current.id))
      .returning();
    const changed = Object.keys(value);
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "entity.updated",
        target: { type: "entity", id: current.id },
        details: { key, changed },
      },
      tx,
    );
    return entityView(row!);
  });
}

export async function deleteEntity(ctx: TenantContext, key: string): Promise<void> {
  requireRole(ctx, "admin");
  checkKey(key);
  await withTenant(ctx, async (tx) => {
    const [current] = await tx
      .select()
      .from(entities)
      .where(and(eq(entities.tenantId, ctx.tenant.id), eq(entities.key, key)))
      .for("update");
    if (!current) throw notFound("Entity");
    const [stream] = await tx
      .select({ name: syncStreams.name })
      .from(syncStreams)
      .where(and(eq(syncStreams.tenantId, ctx.tenant.id), eq(syncStreams.entityId, current.id)))
      .limit(1);
    if (stream) throw conflict(`The stream ${stream.name} feeds this entity: delete the stream first.`);
    const [{ count }] = (await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(records)
      .where(and(eq(records.tenantId, ctx.tenant.id), eq(records.entityId, current.id)))) as [{ count: number }];
    await tx.delete(entities).where(eq(entities.id, current.id));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "entity.deleted",
        target: { type: "entity", id: current.id },
        details: { key, records: count },
      },
      tx,
    );
  });
}

/** Records of an entity in change order (oldest first), so a consumer can poll with `modified_after` and follow the cursor. */
export async function listRecords(
  scope: TenantScope,
  key: string,
  input: unknown,
): Promise<{ data: RecordView[]; next_cursor: string | null }> {
  const q = parse(listRecordsSchema, input);
  const entity = await loadEntity(scope, key);
  return withTenant(scope, async (tx) => {
    const search = q.q?.trim();
    const where = and(
      eq(records.tenantId, scope.tenant.id),
      eq(records.entityId, entity.id),
      q.modified_after ? gt(records.lastModifiedAt, new Date(q.modified_after)) : undefined,
      q.actions?.length ? inArray(records.lastAction, q.actions) : undefined,
      q.source_type ? eq(records.sourceType, q.source_type) : undefined,
      q.source_id ? eq(records.sourceId, q.source_id) : undefined,
      search
        ? or(ilike(records.externalId, `%${escapeLike(search)}%`), sql`${records.data}::text ilike ${`%${escapeLike(search)}%`}`)
        : undefined,
      q.cursor ? afterCursor(q.cursor, cursorShapes.instantThenId, [records.lastModifiedAt, records.id], false) : undefined,
    );
    const rows = await tx
      .select({ row: records, key: instantKey(records.lastModifiedAt) })
      .from(records)
      .where(where)
      .orderBy(asc(records.lastModifiedAt), asc(records.id))
      .limit(q.limit + 1);
    const { page, next_cursor } = keysetPage(rows, q.limit, (r) => [r.key, r.row.id]);
    return { data: page.map((r) => recordView(r.row, key)), next_cursor };
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getRecord(scope: TenantScope, key: string, id: string): Promise<RecordView> {
  const entity = await loadEntity(scope, key);
  return withTenant(scope, async (tx) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Record");
    const [row] = await tx
      .select()
      .from(records)
      .where(and(eq(records.tenantId, scope.tenant.id), eq(records.entityId, entity.id), eq(records.id, id)));
    if (!row) throw notFound("Record");
    return recordView(row, key);
  });
}
