import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { executeSql } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { runImport } from "@/lib/imports/execute";
import { createIntegration, listIntegrations } from "@/lib/integrations";
import { decryptCredentials } from "@/lib/integrations/credentials";
import { ownerContext } from "@/tests/fixtures";
import { callRoute, fileForm, jsonOf } from "@/tests/import-helpers";
import { GET as errors } from "./[id]/errors/route";
import { GET as status } from "./[id]/status/route";
import { POST as execute } from "./execute/route";
import { GET as template } from "./templates/[type]/route";
import { POST as upload } from "./upload/route";
import { POST as validate } from "./validate/route";

// Execution is queued through pg-boss; these tests run the queued job in-process, as a worker would.
const queued: { importId: string; tenantId: string }[] = [];
vi.mock("@/lib/jobs/boss", () => ({
  startJobs: async () => ({
    createQueue: async () => {},
    send: async (_q: string, data: { importId: string; tenantId: string }) => queued.push(data),
  }),
}));

const TOKENS = ["tok-lyon-9f8e7d6c5b4a3210", "tok-nice-0a1b2c3d4e5f6789", "tok-bad-url-5566778899aa"];
const PASSWORD = "pa55-basic-Secr3t-word!";

/** What an IT admin's spreadsheet looks like: their own headers, a quoted name with a comma, a duplicate, a bad URL. */
const SITES_CSV = [
  "Site name;Provider;Auth;Base URL;Token;User;Password",
  `"Lyon, Part-Dieu";custom_rest;bearer;https://lyon.example.com/api;${TOKENS[0]};;`,
  `Nice;custom_rest;bearer;https://nice.example.com/api;${TOKENS[1]};;`,
  `Existing site;custom_rest;bearer;https://moved.example.com/api;${TOKENS[1]};;`,
  `Broken;custom_rest;bearer;ftp://broken.example.com;${TOKENS[2]};;`,
  `Nice;custom_rest;bearer;https://nice2.example.com/api;${TOKENS[1]};;`,
  `Basic site;custom_rest;basic;https://basic.example.com;;ops;${PASSWORD}`,
  `Same as before;custom_rest;none;https://same.example.com;;;`,
].join("\n");

async function setup() {
  queued.length = 0;
  const owner = await ownerContext();
  const { key } = await createApiKey(owner, { name: "Imports", scopes: ["imports:write"] });
  await createIntegration(owner, {
    name: "Existing site",
    provider: "custom_rest",
    auth_type: "bearer",
    base_url: "https://old.example.com/api",
    credentials: { token: TOKENS[1] },
  });
  await createIntegration(owner, {
    name: "Same as before",
    provider: "custom_rest",
    auth_type: "none",
    base_url: "https://same.example.com",
  });
  return { owner, key };
}

const MAPPING = {
  name: "Site name",
  provider: "Provider",
  auth_type: "Auth",
  base_url: "Base URL",
  token: "Token",
  username: "User",
  password: "Password",
};

/** Every table of every schema as text: what a database dump would show. */
async function dumpEverything(): Promise<string> {
  const { rows } = await executeSql(
    "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
  );
  let dump = "";
  for (const r of rows) {
    const { rows: data } = await executeSql(`select t::text as line from "${String(r.table_schema)}"."${String(r.table_name)}" t`);
    dump += data.map((d) => String(d.line)).join("\n");
  }
  return dump;
}

describe("/api/v1/import into integrations", () => {
  it("uploads, suggests a mapping, dry-runs a diff, executes, reports errors per cell, and never stores a credential in plaintext", async () => {
    const { owner, key } = await setup();
    const up = await jsonOf(
      await callRoute(upload, key, "/import/upload", { form: fileForm("sites.csv", SITES_CSV, { target: "integrations" }) }),
      201,
    );
    expect(up).toMatchObject({ format: "csv", rows_estimate: 7, mapping_source: "suggested" });
    expect(up.columns).toEqual(["Site name", "Provider", "Auth", "Base URL", "Token", "User", "Password"]);
    // Exact (Provider, Token, Password, Base URL) and fuzzy (Auth → auth_type? no: too far; Site name → name? by label) matches.
    expect(up.suggested_mapping).toMatchObject({ provider: "Provider", token: "Token", base_url: "Base URL", password: "Password" });

    const dry = await jsonOf(await callRoute(validate, key, "/import/validate", { body: { import_id: up.id, mapping: MAPPING } }), 200);
    expect(dry.counts).toEqual({ processed: 7, created: 3, updated: 1, unchanged: 1, conflict: 1, failed: 1 });
    expect(dry.diff).toEqual(
      expect.arrayContaining([
        { row: 2, action: "create", key: "Lyon, Part-Dieu" },
        expect.objectContaining({ row: 4, action: "update", key: "Existing site", changes: ["base_url"] }),
        expect.objectContaining({ row: 5, action: "error" }),
        expect.objectContaining({ row: 6, action: "conflict" }),
      ]),
    );
    expect(dry.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 5, column: "Base URL", value: "ftp://broken.example.com" }),
        expect.objectContaining({ row: 6, column: "Site name", value: "Nice", message: expect.stringContaining("Row 3") }),
      ]),
    );
    expect((await listIntegrations(owner)).data).toHaveLength(2);

    const started = await jsonOf(await callRoute(execute, key, "/import/execute", { body: { import_id: up.id } }), 202);
    expect(started.status).toBe("pending");
    expect(queued).toEqual([{ importId: up.id, tenantId: owner.tenant.id }]);
    await runImport(queued[0]!);

    const done = await jsonOf(await callRoute(status, key, `/import/${up.id}/status`, { params: { id: up.id } }), 200);
    expect(done).toMatchObject({
      status: "completed",
      counts: { processed: 7, created: 3, updated: 1, unchanged: 1, conflict: 1, failed: 1 },
      errors_total: 2,
    });
    expect(done.progress).toMatchObject({ processed: 7, total: 7, percent: 100 });
    const names = (await listIntegrations(owner)).data.map((i) => i.name).sort();
    expect(names).toEqual(["Basic site", "Existing site", "Lyon, Part-Dieu", "Nice", "Same as before"]);
    const lyon = (await listIntegrations(owner, { q: "Lyon" })).data[0]!;
    expect(lyon).toMatchObject({ has_credentials: true, credentials_hint: "••••3210" });
    const stored = await executeSql(`select credentials, tenant_id from integrations where id = '${lyon.id}'`);
    const { credentials, tenant_id } = stored.rows[0] as { credentials: string; tenant_id: string };
    expect(decryptCredentials({ id: lyon.id, tenantId: tenant_id, credentials })).toEqual({ token: TOKENS[0] });

    const csvReport = await callRoute(errors, key, `/import/${up.id}/errors?format=csv`, { params: { id: up.id } });
    expect(csvReport.headers.get("content-type")).toContain("text/csv");
    const reportText = await csvReport.text();
    const reportRows = parseCsv(reportText, { columns: true, bom: true }) as Record<string, string>[];
    expect(reportRows.map((r) => r.row)).toEqual(["5", "6"]);
    expect(reportRows[0]!.errors).toContain("Base URL:");
    expect(reportRows[0]!.Token).toBe("[redacted]");

    const xlsxReport = await callRoute(errors, key, `/import/${up.id}/errors?format=xlsx`, { params: { id: up.id } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxReport.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Errors")!;
    const baseUrlCell = sheet.getRow(2).getCell(5);
    expect(baseUrlCell.value).toBe("ftp://broken.example.com");
    expect((baseUrlCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(String(sheet.getRow(2).getCell(2).note ?? "")).toBe("");
    expect(JSON.stringify(baseUrlCell.note)).toContain("https");

    // The credential scan: no secret in any table, in plaintext or base64, nor in any answer.
    const dump = await dumpEverything();
    for (const secret of [...TOKENS, PASSWORD]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString("base64"));
      expect(reportText).not.toContain(secret);
      expect(JSON.stringify([up, dry, done])).not.toContain(secret);
    }

    // The next upload of the same layout maps itself.
    const again = await jsonOf(
      await callRoute(upload, key, "/import/upload", { form: fileForm("sites-2.csv", SITES_CSV, { target: "integrations" }) }),
      201,
    );
    expect(again).toMatchObject({ mapping_source: "remembered", suggested_mapping: MAPPING });
  });

  it("reads an XLSX upload with dates and formulas, and an all-or-nothing import with a failing row writes nothing", async () => {
    const { owner, key } = await setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sites");
    sheet.addRow(["name", "provider", "auth_type", "base_url", "status_endpoint"]);
    sheet.addRow(["Paris", "custom_rest", "none", "https://paris.example.com", { formula: '"/"&"status"', result: "/status" }]);
    sheet.addRow(["Tours", "custom_rest", "none", "https://tours.example.com", null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const up = await jsonOf(
      await callRoute(upload, key, "/import/upload", { form: fileForm("sites.xlsx", bytes, { target: "integrations" }) }),
      201,
    );
    expect(up).toMatchObject({
      format: "xlsx",
      rows_estimate: 2,
      suggested_mapping: { name: "name", provider: "provider", status_endpoint: "status_endpoint" },
    });
    const dry = await jsonOf(await callRoute(validate, key, "/import/validate", { body: { import_id: up.id } }), 200);
    expect(dry.counts).toMatchObject({ created: 2, failed: 0 });
    await jsonOf(await callRoute(execute, key, "/import/execute", { body: { import_id: up.id, all_or_nothing: true } }), 202);
    // A row becomes impossible between the dry run and the run: the name is taken by another provider.
    await createIntegration(owner, {
      name: "Tours",
      provider: "stripe",
      auth_type: "api_key",
      credentials: { api_key: "sk_test_1234567890abcdef" },
    });
    await runImport(queued.at(-1)!);
    const failed = await jsonOf(await callRoute(status, key, `/import/${up.id}/status`, { params: { id: up.id } }), 200);
    expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("nothing was imported") });
    expect((await listIntegrations(owner, { q: "Paris" })).data).toHaveLength(0);
    const { rows } = await executeSql("select type from outbox_events where type like 'import.%'");
    expect(rows.map((r) => r.type)).toEqual(["import.failed"]);
  });

  it("downloads templates whose filled-in CSV imports as it is, with rules as notes and XLSX lists", async () => {
    const { key } = await setup();
    const csv = await callRoute(template, key, "/import/templates/integrations?format=csv", { params: { type: "integrations" } });
    const text = await csv.text();
    const [header, notes, example] = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toContain("name,provider,environment,auth_type,base_url,token");
    expect(notes).toMatch(/^# required · string/);
    expect(example).toContain("Site 042 (Lyon)");
    const up = await jsonOf(
      await callRoute(upload, key, "/import/upload", { form: fileForm("filled.csv", text, { target: "integrations" }) }),
      201,
    );
    expect(up.rows_estimate).toBe(1);
    const dry = await jsonOf(await callRoute(validate, key, "/import/validate", { body: { import_id: up.id } }), 200);
    expect(dry.counts).toMatchObject({ created: 1, failed: 0 });

    const xlsx = await callRoute(template, key, "/import/templates/integrations?format=xlsx", { params: { type: "integrations" } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(JSON.stringify(sheet.getCell("B1").note)).toContain("required");
    expect(sheet.getCell("D2").dataValidation).toMatchObject({ type: "list" });
    for (const format of ["json", "xml"]) {
      const res = await callRoute(template, key, `/import/templates/integrations?format=${format}`, { params: { type: "integrations" } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("# required");
    }
    expect((await callRoute(template, key, "/import/templates/nope?format=csv", { params: { type: "nope" } })).status).toBe(422);
  });

  it("refuses bad files with a clear 4xx and keeps nothing of them", { timeout: 120_000 }, async () => {
    const { key } = await setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    for (let i = 0; i < 3000; i++) sheet.addRow([`name ${i}`, i, `text ${i * 7}`]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const binary = Buffer.alloc(4096, 0);
    binary.write("MZ");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz><r><name>&lol2;</name></r></lolz>`;
    const wide = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",")}\n`;
    const endless = Buffer.concat([Buffer.from("name,provider\n"), Buffer.alloc(3 * 1024 * 1024, "a")]);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ["truncated.xlsx", xlsx.subarray(0, Math.floor(xlsx.length * 0.6)), /XLSX/],
      ["binary.csv", binary, /binary/],
      ["bomb.xml", bomb, /DOCTYPE/],
      ["wide.csv", wide, /10000 columns/],
      ["endless.csv", endless, /longer than 1 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const body = await jsonOf(
        await callRoute(upload, key, "/import/upload", { form: fileForm(name, bytes, { target: "integrations" }) }),
        422,
      );
      expect(body.error.fields.file, name).toMatch(message);
    }
    const missing = await callRoute(upload, key, "/import/upload", {
      form: (() => {
        const f = new FormData();
        f.set("target", "integrations");
        return f;
      })(),
    });
    expect(missing.status).toBe(422);
    const notMultipart = await callRoute(upload, key, "/import/upload", { body: { target: "integrations" } });
    expect(notMultipart.status).toBe(415);
    const { rows } = await executeSql(
      "select (select count(*) from file_chunks)::int as chunks, (select count(*) from import_jobs)::int as jobs",
    );
    expect(rows[0]).toEqual({ chunks: 0, jobs: 0 });
  });
});
