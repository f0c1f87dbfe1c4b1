import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Scope } from "@/lib/api-keys/scopes";
import { createdAt, id } from "./columns";
import { tenantId, users } from "./tenancy";
import { tenantIsolation } from "./rls";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    // What the key is for and who to ask, in the owner's words.
    notes: text("notes").notNull().default(""),
    // The visible start of the key, for lookup and for people to recognise it; the rest is only hashed.
    prefix: text("prefix").notNull().unique(),
    hash: text("hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    scopes: jsonb("scopes").$type<Scope[]>().notNull().default([]),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    // CIDRs the key may be used from; empty means anywhere.
    ipAllowlist: jsonb("ip_allowlist").$type<string[]>().notNull().default([]),
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
    rateLimitPerHour: integer("rate_limit_per_hour").notNull().default(20000),
    totalRequests: bigint("total_requests", { mode: "number" }).notNull().default(0),
    // Set on a key that was rotated: it stays valid until its expiry (the grace period).
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    replacesKeyId: uuid("replaces_key_id"),
    // When the "expiring in 7 days" event went out, so it goes out once.
    expiryNotifiedAt: timestamp("expiry_notified_at", { withTimezone: true }),
    // Days after creation by which the key should be rotated; null means no reminder.
    rotationFrequencyDays: integer("rotation_frequency_days"),
    // When the last "due for rotation" event went out, so it goes out once per period.
    rotationNotifiedAt: timestamp("rotation_notified_at", { withTimezone: true }),
  },
  (t) => [...tenantIsolation(t), index("api_keys_tenant_idx").on(t.tenantId)],
);

// Requests per key per hour (and how many of them were refused with 429), for the usage chart.
export const apiKeyUsageHourly = pgTable(
  "api_key_usage_hourly",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    requests: integer("requests").notNull().default(0),
    rateLimited: integer("rate_limited").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.hour] })],
);
