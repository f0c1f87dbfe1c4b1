import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { parseKey } from "@/lib/api-keys/format";
import { SCOPES, type Scope } from "@/lib/api-keys/scopes";
import { reencryptAll } from "@/lib/crypto/rotate";
import { EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { stopJobs } from "@/lib/jobs/boss";
import { isDatabaseUnavailable } from "@/lib/jobs/outage";
import { logEvent } from "@/lib/log";
import { acquireDataDirLock, DataDirBusyError } from "@/lib/runtime/data-dir-lock";
import { ENCRYPTED_COLUMNS } from "@/lib/runtime/encrypted-columns";
import { startRuntimeJobs } from "@/lib/runtime/jobs";
import { loadSecretsWithNotice } from "@/lib/runtime/secrets-notice";
import { bootstrap, findTenantBySlug } from "@/lib/tenancy";
import { ZodError } from "zod";
import { start } from "./start";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `Usage: patchbay <command>

  start                                      build if needed, migrate, run the server and its workers
  migrate                                    apply database migrations
  bootstrap --tenant SLUG --email E --password P [--tenant-name N] [--name N]
                                             create the first tenant and its owner (idempotent)
  api-key create --tenant SLUG --name N [--scopes a,b] [--expires-on YYYY-MM-DD] [--per-minute N] [--per-hour N]
                                             create an API key (all scopes by default) and print it once
  api-key check KEY                          tell offline whether KEY is a well-formed Patchbay key
  keys rotate                                re-encrypt every stored secret under the current master key
  worker                                     run background workers without the web server`;

class UsageError extends Error {}

const FLAG_OF: Record<string, string> = {
  tenantSlug: "tenant",
  tenantName: "tenant-name",
  expires_on: "expires-on",
  rate_limit_per_minute: "per-minute",
  rate_limit_per_hour: "per-hour",
};

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required.`);
  return value;
}

/** Opens the database for a one-shot command; the lock refuses while a server holds embedded data. */
async function withDatabase<T>(owner: string, fn: () => Promise<T>): Promise<T> {
  loadSecretsWithNotice();
  const release = acquireDataDirLock(owner);
  try {
    await migrateDatabase();
    return await fn();
  } finally {
    await closeDatabase();
    release();
  }
}

/** A worker started while the database is away waits for it (with growing pauses) rather than exit. */
async function onceDatabaseAnswers<T>(fn: () => Promise<T>): Promise<T> {
  for (let wait = 500, told = false; ; wait = Math.min(wait * 2, 15_000)) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (!told) logEvent("warn", "worker: database unavailable; starting once it is back");
      told = true;
      await sleep(wait);
    }
  }
}

async function runWorker(): Promise<number> {
  loadSecretsWithNotice();
  const release = acquireDataDirLock("patchbay worker");
  await onceDatabaseAnswers(async () => {
    await migrateDatabase();
    await startRuntimeJobs({ workers: true });
  });
  console.log("Patchbay worker running; Ctrl-C stops it after the jobs in hand finish.");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await stopJobs();
  await closeDatabase();
  release();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: "string" },
      "tenant-name": { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      scopes: { type: "string" },
      "expires-on": { type: "string" },
      "per-minute": { type: "string" },
      "per-hour": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  // `api-key check` takes the key as a third word; everything else is a fixed phrase.
  const command = positionals.slice(0, positionals[0] === "api-key" && positionals[1] === "check" ? 2 : undefined).join(" ");
  if (values.help || command === "") {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case "start":
      return start(root);
    case "migrate":
      await withDatabase("patchbay migrate", async () => {});
      console.log("Database is up to date.");
      return 0;
    case "bootstrap": {
      const result = await withDatabase("patchbay bootstrap", () =>
        bootstrap({
          tenantSlug: required(values, "tenant"),
          tenantName: values["tenant-name"],
          email: required(values, "email"),
          password: required(values, "password"),
          name: values.name,
        }),
      );
      console.log(
        result.created.length > 0
          ? `Bootstrapped ${result.tenant.slug}: created ${result.created.join(", ")}.`
          : `${result.tenant.slug} was already bootstrapped; nothing changed.`,
      );
      return 0;
    }
    case "api-key create": {
      const key = await withDatabase("patchbay api-key create", async () => {
        const slug = required(values, "tenant");
        const tenant = await findTenantBySlug(slug);
        if (!tenant) throw new UsageError(`No tenant with slug "${slug}".`);
        return createApiKey(
          { tenant, role: "owner", actor: { type: "system", label: "patchbay api-key create" } },
          {
            name: required(values, "name"),
            scopes: (values.scopes ? values.scopes.split(",").map((s) => s.trim()) : [...SCOPES]) as Scope[],
            expires_on: values["expires-on"],
            rate_limit_per_minute: values["per-minute"],
            rate_limit_per_hour: values["per-hour"],
          },
        );
      });
      console.error(`Created API key "${key.name}" (${key.prefix}…). It is shown once; store it now:`);
      console.log(key.key);
      return 0;
    }
    case "api-key check": {
      const [, , presented] = positionals;
      const parsed = presented ? parseKey(presented) : null;
      console.log(
        parsed
          ? `Well-formed Patchbay ${parsed.environment} key (${parsed.prefix}…).`
          : "Not a Patchbay API key (wrong format or checksum).",
      );
      return parsed ? 0 : 1;
    }
    case "keys rotate": {
      const result = await withDatabase("patchbay keys rotate", () => reencryptAll({ columns: ENCRYPTED_COLUMNS }));
      console.log(`Re-encrypted ${result.reencrypted} of ${result.scanned} stored secrets under the current key.`);
      return 0;
    }
    case "worker":
      return runWorker();
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ZodError) {
      const flag = (field: string) => FLAG_OF[field] ?? field;
      console.error(error.issues.map((i) => `--${flag(String(i.path[0] ?? ""))}: ${i.message}`).join("\n"));
    } else if (error instanceof EnvError || error instanceof DataDirBusyError || error instanceof AppError) {
      console.error(error.message);
    } else console.error(error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
