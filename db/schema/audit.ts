import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { tenantId, tenants } from "./tenancy";
import type { ActorType } from "@/lib/audit/actor-types";
import { tenantIsolation } from "./rls";

export { ACTOR_TYPES, type ActorType } from "@/lib/audit/actor-types";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    // Null for events outside any tenant, such as a failed sign-in.
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    actorType: text("actor_type").$type<ActorType>().notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), index("audit_events_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id(),
    tenantId: tenantId(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), index("outbox_events_tenant_created_idx").on(t.tenantId, t.createdAt)],
);
