ALTER TABLE "integrations" ADD COLUMN "connection_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_connection_status_check" CHECK ("integrations"."connection_status" in ('pending', 'connected', 'disconnected', 'error', 'expired'));--> statement-breakpoint
-- Backfill (hand-written): OAuth2 from its connection, the rest from the last connection test.
UPDATE "integrations" SET "connection_status" = CASE c."status" WHEN 'connected' THEN 'connected' WHEN 'expired' THEN 'expired' ELSE 'disconnected' END
FROM "oauth_connections" c
WHERE c."integration_id" = "integrations"."id" AND "integrations"."auth_type" = 'oauth2' AND (c."tokens" IS NOT NULL OR c."status" <> 'connected');--> statement-breakpoint
UPDATE "integrations" SET "connection_status" = 'connected'
WHERE "integrations"."auth_type" <> 'oauth2' AND (
  SELECT h."outcome" FROM "health_checks" h
  WHERE h."integration_id" = "integrations"."id" AND h."source" = 'test'
  ORDER BY h."checked_at" DESC LIMIT 1
) = 'success';
