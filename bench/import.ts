/**
 * `npm run bench:import`: a 1,000,000-row CSV (10 columns) and a 1,000,000-row XLSX into an
 * entity — upload (stored in chunks), dry run and execute through the production path — with
 * rows/s, peak RSS, and the ratio to a raw parse of the same file (csv-parse alone; exceljs'
 * streaming reader alone) measured in the same run. Each format runs in a fresh child process and
 * every phase reports its own peak RSS, so one format's heap does not inflate the next one's figure.
 *
 *   npm run bench:import -- [--rows 1000000] [--formats csv,xlsx]
 *   DATABASE_URL=postgres://… npm run bench:import     (PostgreSQL instead of in-memory PGlite)
 */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    formats: { type: "string", default: "csv,xlsx" },
    child: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const FORMATS = values.formats!.split(",") as ("csv" | "xlsx")[];

if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Runs one phase with its own peak RSS (RSS rarely shrinks, so a phase's peak includes what earlier ones left). */
async function phase<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peak: number }> {
  peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  return { value, seconds, peak: Math.max(peak, process.memoryUsage().rss) };
}

function line(name: string, seconds: number, rows: number, raw: number, rss: number | null, note = "") {
  const cells = [
    name.padEnd(18),
    `${seconds.toFixed(1)} s`.padStart(9),
    `${Math.round(rows / seconds).toLocaleString()} rows/s`.padStart(16),
    `${(seconds / raw).toFixed(1)}× raw`.padStart(10),
    rss === null ? "".padStart(16) : `peak RSS ${mb(rss)}`.padStart(16),
  ];
  console.log(`  ${cells.join("  ")}${note ? `  ${note}` : ""}`);
}

function row(i: number) {
  return [
    `C${i}`,
    `Customer ${i}`,
    `c${i}@example.com`,
    String(i % 1000),
    (i * 1.5).toFixed(2),
    i % 2 === 0 ? "true" : "false",
    `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
    `City ${i % 500}`,
    `DE`,
    `note ${i}`,
  ];
}
const HEADER = ["code", "name", "email", "segment", "balance", "active", "since", "city", "country", "note"];

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write(`${HEADER.join(",")}\n`);
  for (let i = 0; i < ROWS; i++) if (!out.write(`${row(i).join(",")}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function writeXlsx(file: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet("Customers");
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < ROWS; i++) {
    const r = row(i);
    sheet.addRow([r[0], r[1], r[2], Number(r[3]), Number(r[4]), r[5] === "true", r[6], r[7], r[8], r[9]]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function rawParse(format: "csv" | "xlsx", file: string) {
  const t0 = performance.now();
  let n = 0;
  if (format === "csv") for await (const record of createReadStream(file).pipe(parse())) n += record ? 1 : 0;
  else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: "cache", styles: "cache" });
    for await (const sheet of reader) for await (const r of sheet) n += r ? 1 : 0;
  }
  return { seconds: (performance.now() - t0) / 1000, rows: n - 1 };
}

async function runFormat(format: "csv" | "xlsx") {
  const { migrateDatabase, closeDatabase } = await import("@/db/client");
  const { bootstrap, findMembership } = await import("@/lib/tenancy");
  const { createEntity } = await import("@/lib/sync");
  const { uploadImport } = await import("@/lib/imports/upload");
  const { dryRunImport } = await import("@/lib/imports/dry-run");
  const { executeImport, runImport } = await import("@/lib/imports/execute");
  await migrateDatabase();
  const { userId } = await bootstrap({
    tenantSlug: "bench",
    tenantName: "Bench",
    email: "bench@example.com",
    password: "bench-password-42",
  });
  const m = (await findMembership(userId, "bench"))!;
  const ctx = { tenant: m.tenant, role: m.role, userId, actor: { type: "user" as const, id: userId, label: "bench@example.com" } };
  const key = `customer_${format}`;
  await createEntity(ctx, {
    key,
    name: `Customers (${format})`,
    fields: [
      { key: "code", type: "string", required: true },
      { key: "name", type: "string", required: true },
      { key: "email", type: "string" },
      { key: "segment", type: "integer" },
      { key: "balance", type: "number" },
      { key: "active", type: "boolean" },
      { key: "since", type: "date" },
      { key: "city", type: "string" },
      { key: "country", type: "string" },
      { key: "note", type: "string" },
    ],
    key_fields: ["code"],
  });
  // What the process holds before any file: the app's modules and, on PGlite, the database itself.
  const baseline = process.memoryUsage().rss;
  const file = path.join(tmpdir(), `patchbay-bench-${process.pid}.${format}`);
  const t0 = performance.now();
  await (format === "csv" ? writeCsv(file) : writeXlsx(file));
  console.log(
    `\n${format.toUpperCase()}: file ${mb((await stat(file)).size)} written in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS before the file ${mb(baseline)}`,
  );
  const raw = await phase(() => rawParse(format, file));
  const r = raw.seconds;
  line("raw parse", r, raw.value.rows, r, raw.peak);
  const up = await phase(() =>
    uploadImport(ctx, { fileName: `customers.${format}`, source: createReadStream(file), options: () => ({ target: `entity:${key}` }) }),
  );
  line("upload+scan", up.seconds, up.value.rows_estimate, r, up.peak, "(store in chunks + one parse)");
  const dry = await phase(() => dryRunImport(ctx, { import_id: up.value.id, mapping: Object.fromEntries(HEADER.map((h) => [h, h])) }));
  line("dry run", dry.seconds, ROWS, r, dry.peak, `(${dry.value.counts.created} to create, ${dry.value.counts.failed} failed)`);
  const queued: { importId: string; tenantId: string }[] = [];
  await executeImport(ctx, { import_id: up.value.id }, async (d) => void queued.push(d));
  const exec = await phase(() => runImport(queued[0]!));
  line("execute", exec.seconds, ROWS, r, exec.peak);
  line("dry run + execute", dry.seconds + exec.seconds, ROWS, r, Math.max(dry.peak, exec.peak));
  clearInterval(sampler);
  await closeDatabase();
}

/** Each format in its own process (same loader flags), one after the other. */
async function main() {
  if (values.child) return runFormat(FORMATS[0]!);
  clearInterval(sampler);
  const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  console.log(`bench:import — ${ROWS.toLocaleString()} rows × 10 columns, ${db}; each format in a fresh process`);
  for (const format of FORMATS) {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--child", "--rows", String(ROWS), "--formats", format], {
      stdio: "inherit",
      env: process.env,
    });
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) throw new Error(`the ${format} run exited with ${code}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
