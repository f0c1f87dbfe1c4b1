import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { Role } from "@/lib/tenancy/roles";
import { id, timestamps } from "./columns";
import { tenantIsolation } from "./rls";

export { ROLES, type Role } from "@/lib/tenancy/roles";

export const tenants = pgTable("tenants", {
  id: id(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  ...timestamps(),
});

/** The owning tenant of a row: deleting the tenant deletes its rows. */
export const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

export const users = pgTable("users", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  // Null for users who only ever sign in through SSO.
  passwordHash: text("password_hash"),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  ...timestamps(),
});

export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", sql`${t.role} in ('owner', 'admin', 'viewer')`),
  ],
);
