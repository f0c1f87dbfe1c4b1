import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { Role } from "@/lib/tenancy/roles";
import { createdAt, id, timestamps } from "./columns";
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
  // Sessions signed in before this moment are no longer accepted (set when the password changes).
  sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }),
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

/**
 * An invitation to join a tenant: the link carries a random token, only its SHA-256 is stored.
 * Used once (accepted_at), or withdrawn (revoked_at), or past expires_at: then it opens nothing.
 */
export const memberInvitations = pgTable(
  "member_invitations",
  {
    id: id(),
    tenantId: tenantId(),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("member_invitations_tenant_idx").on(t.tenantId, t.createdAt),
    check("member_invitations_role_check", sql`${t.role} in ('owner', 'admin', 'viewer')`),
  ],
);

/** A one-time link an owner issued for a member to choose a new password; stored as a SHA-256. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("password_resets_token_idx").on(t.tokenHash),
    index("password_resets_tenant_idx").on(t.tenantId, t.userId),
    index("password_resets_user_idx").on(t.userId),
  ],
);
