import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

// First responses to POSTs carrying an Idempotency-Key, replayed for 24 hours.
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    // Null while the first request is still running.
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    responseContentType: text("response_content_type"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [...tenantIsolation(t), primaryKey({ columns: [t.tenantId, t.key] }), index("idempotency_records_expires_idx").on(t.expiresAt)],
);
