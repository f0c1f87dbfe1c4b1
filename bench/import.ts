/**
 * `npm run bench:import`: a 1,000,000-row CSV (10 columns) and a 1,000,000-row XLSX into an
 * entity — upload (stored in chunks), dry run and execute through the production path — with
 * rows/s, peak RSS, and the ratio to a raw parse of the same file (csv-parse alone; exceljs'
 * streaming reader alone) measured in the same run.
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
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, formats: { type: "string", default: "csv,xlsx" } },
});
const ROWS = Number(values.rows);
const FORMATS = values.formats!.split(",") as ("csv" | "xlsx")[];

if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

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

async function main() {
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
  const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  console.log(`bench:import — ${ROWS.toLocaleString()} rows × 10 columns, ${db}`);
  for (const format of FORMATS) {
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
    const file = path.join(tmpdir(), `patchbay-bench-${process.pid}.${format}`);
    const t0 = performance.now();
    await (format === "csv" ? writeCsv(file) : writeXlsx(file));
    console.log(
      `\n${format.toUpperCase()}: file ${mb((await stat(file)).size)} written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    peak = 0;
    const raw = await rawParse(format, file);
    const rawPeak = peak;
    console.log(
      `  raw parse        ${raw.seconds.toFixed(1)} s  ${Math.round(raw.rows / raw.seconds).toLocaleString()} rows/s  peak RSS ${mb(rawPeak)}`,
    );
    peak = 0;
    let t = performance.now();
    const up = await uploadImport(ctx, {
      fileName: `customers.${format}`,
      source: createReadStream(file),
      options: () => ({ target: `entity:${key}` }),
    });
    const uploadS = (performance.now() - t) / 1000;
    console.log(
      `  upload+scan      ${uploadS.toFixed(1)} s  ${Math.round(up.rows_estimate / uploadS).toLocaleString()} rows/s  (store in chunks + one parse)`,
    );
    t = performance.now();
    const dry = await dryRunImport(ctx, { import_id: up.id, mapping: Object.fromEntries(HEADER.map((h) => [h, h])) });
    const dryS = (performance.now() - t) / 1000;
    console.log(
      `  dry run          ${dryS.toFixed(1)} s  ${Math.round(ROWS / dryS).toLocaleString()} rows/s  ratio to raw ${(dryS / raw.seconds).toFixed(1)}×  (${dry.counts.created} to create, ${dry.counts.failed} failed)`,
    );
    const queued: { importId: string; tenantId: string }[] = [];
    await executeImport(ctx, { import_id: up.id }, async (d) => void queued.push(d));
    t = performance.now();
    await runImport(queued[0]!);
    const execS = (performance.now() - t) / 1000;
    console.log(
      `  execute          ${execS.toFixed(1)} s  ${Math.round(ROWS / execS).toLocaleString()} rows/s  ratio to raw ${(execS / raw.seconds).toFixed(1)}×`,
    );
    console.log(`  dry run + execute ${(dryS + execS).toFixed(1)} s; peak RSS ${mb(peak)} (raw parse ${mb(rawPeak)})`);
  }
  clearInterval(sampler);
  await closeDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
