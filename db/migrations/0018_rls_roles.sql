-- Roles for row-level security (db/schema/rls.ts). Roles belong to the server, not to one
-- database, so each is created only when missing: several Patchbay databases (and every test
-- database) share them. Neither can log in; the migrating role takes them on per transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'patchbay_app') THEN
    CREATE ROLE patchbay_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'patchbay_system') THEN
    CREATE ROLE patchbay_system NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  -- withTenant switches to patchbay_app, which needs membership; the owner's own queries are
  -- let through by patchbay_system's policy, which needs membership with inheritance. A superuser
  -- is a member of every role already; a role that is neither needs CREATEROLE here, or an
  -- operator's grant beforehand (README, "An existing PostgreSQL server").
  IF NOT pg_has_role(current_user, 'patchbay_app', 'MEMBER') THEN
    EXECUTE format('GRANT patchbay_app TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'patchbay_system', 'USAGE') THEN
    EXECUTE format('GRANT patchbay_system TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO patchbay_app, patchbay_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO patchbay_app, patchbay_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO patchbay_app, patchbay_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO patchbay_app, patchbay_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO patchbay_app, patchbay_system;
