#!/usr/bin/env node
// CI step: fails when the drizzle schema and the committed migrations are out of step, i.e.
// when `drizzle-kit generate` would write a new migration. It generates into a copy of
// db/migrations, so the work tree is never touched.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = path.join(root, "db/migrations");
// drizzle-kit prefixes its --out with "./", so the scratch copy must sit below the root.
mkdirSync(path.join(root, "node_modules/.cache"), { recursive: true });
const scratch = mkdtempSync(path.join(root, "node_modules/.cache/patchbay-migrations-"));
const copy = path.join(scratch, "migrations");
cpSync(committed, copy, { recursive: true });

const sqlFiles = (dir) => readdirSync(dir).filter((name) => name.endsWith(".sql"));
const before = new Set(sqlFiles(copy));
const result = spawnSync(
  "npx",
  [
    "drizzle-kit",
    "generate",
    "--dialect",
    "postgresql",
    "--schema",
    "./db/schema/index.ts",
    "--out",
    path.relative(root, copy),
    "--name",
    "schema_drift",
  ],
  { cwd: root, encoding: "utf8" },
);
const added = sqlFiles(copy).filter((name) => !before.has(name));
const report = added.map((name) => `${name}:\n${readFileSync(path.join(copy, name), "utf8")}`).join("\n");
rmSync(scratch, { recursive: true, force: true });

// drizzle-kit exits 0 even when it fails to read the folder, so its error output counts too.
if (result.status !== 0 || /Error/.test(result.stderr)) {
  console.error(result.stdout, result.stderr);
  console.error("drizzle-kit generate failed");
  process.exit(1);
}
if (added.length > 0) {
  console.error("The drizzle schema has changes no committed migration holds. `npm run db:generate` would write:\n");
  console.error(report);
  console.error("Generate the migration (npm run db:generate) and commit it; never edit a landed one.");
  process.exit(1);
}
console.log("Schema and migrations are in step.");
