import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { canonicalLine } from "@/lib/exports/checksum";
import { runExport } from "@/lib/exports/service";
import type { ExportColumn } from "@/lib/exports/sources";
import { dryRunImport } from "@/lib/imports/dry-run";
import { executeImport, runImport, type ImportJobData } from "@/lib/imports/execute";
import { importStatus } from "@/lib/imports/status";
import { uploadImport } from "@/lib/imports/upload";
import { createIntegration } from "@/lib/integrations";
import { createEntity } from "@/lib/sync";
import { ownerContext } from "@/tests/fixtures";
import { GET as download } from "./[id]/download/route";
import { GET as getOne } from "./[id]/route";
import { POST as create } from "./route";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: unknown; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  return res;
}

const SECRETS = ["tok-north-7d1f0c2b9a8e", "tok-south-3e4f5a6b7c8d", "s3cr3t-basic-pa55word"];

async function seed() {
  const owner = await ownerContext();
  const { key } = await createApiKey(owner, { name: "Exports", scopes: ["exports:read"] });
  const base = { provider: "custom_rest", base_url: "https://sites.example.com" };
  await createIntegration(owner, { ...base, name: "North", auth_type: "bearer", credentials: { token: SECRETS[0] } });
  await createIntegration(owner, { ...base, name: "South", auth_type: "bearer", credentials: { token: SECRETS[1] } });
  await createIntegration(owner, {
    ...base,
    name: "Sandbox",
    environment: "sandbox",
    auth_type: "basic",
    credentials: { username: "ops", password: SECRETS[2] },
  });
  return { owner, key };
}

async function exportOf(key: string, tenantId: string, body: object) {
  const created = await call(create, key, "/export", { method: "POST", body });
  expect(created.status).toBe(202);
  const { id } = await created.json();
  await runExport({ exportId: id, tenantId });
  const status = await (await call(getOne, key, `/export/${id}`, { params: { id } })).json();
  expect(status.status).toBe("completed");
  const file = await call(download, key, `/export/${id}/download`, { params: { id } });
  expect(file.status).toBe(200);
  const bytes = Buffer.from(await file.arrayBuffer());
  for (const secret of SECRETS) {
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(Buffer.from(secret).toString("base64"))).toBe(false);
  }
  return { id, status, bytes, file };
}

const rowsHash = (columns: ExportColumn[], rows: Record<string, unknown>[]) =>
  createHash("sha256")
    .update(rows.map((r) => canonicalLine(columns, r)).join(""))
    .digest("hex");

describe("/api/v1/export", () => {
  it("exports filtered integrations as CSV with a metadata sidecar whose SHA-256 is the file's, and never a secret", async () => {
    const { owner, key } = await seed();
    const { id, status, bytes, file } = await exportOf(key, owner.tenant.id, {
      target: "integrations",
      format: "csv",
      filters: { environment: "production" },
    });
    expect(file.headers.get("content-disposition")).toMatch(/attachment; filename="integrations-.*\.csv"/);
    const rows = parseCsv(bytes, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(["North", "South"]);
    expect(rows[0]).toMatchObject({ has_credentials: "true", provider: "custom_rest", environment: "production" });
    expect(rows[0]!.credentials_hint).toMatch(/^••••/);
    const meta = await (await call(download, key, `/export/${id}/download?file=metadata`, { params: { id } })).json();
    expect(meta).toMatchObject({
      target: "integrations",
      filters: { environment: "production" },
      row_count: 2,
      sha256_of: "file",
      format: "csv",
    });
    expect(meta.exported_by).toMatch(/^Exports \(pb_live_/);
    expect(meta.patchbay_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.schema).toContainEqual({ name: "has_credentials", type: "boolean" });
    expect(meta.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(status.sha256).toBe(meta.sha256);
  });

  it("exports JSON with an envelope, XML with its metadata element and XLSX with document properties and a Metadata sheet; each checksum verifies over the rows read back", async () => {
    const { owner, key } = await seed();
    const json = await exportOf(key, owner.tenant.id, { target: "integrations", format: "json" });
    const envelope = JSON.parse(json.bytes.toString("utf8"));
    expect(envelope.data.map((r: { name: string }) => r.name)).toEqual(["North", "Sandbox", "South"]);
    expect(envelope.metadata.row_count).toBe(3);
    expect(rowsHash(envelope.metadata.schema, envelope.data)).toBe(envelope.metadata.sha256);

    const xml = await exportOf(key, owner.tenant.id, { target: "integrations", format: "xml" });
    const rows: Record<string, string>[] = [];
    const meta: Record<string, string> = {};
    let current: Record<string, string> | null = null;
    let inMeta = false;
    let field = "";
    const sax = new SaxesParser();
    sax.on("opentag", (t) => {
      if (t.name === "row") current = {};
      else if (t.name === "metadata") inMeta = true;
      field = t.name;
    });
    sax.on("text", (text) => {
      if (current && field !== "row") current[field] = (current[field] ?? "") + text;
      else if (inMeta && field !== "metadata") meta[field] = (meta[field] ?? "") + text;
    });
    sax.on("closetag", (t) => {
      if (t.name === "row") {
        rows.push(current!);
        current = null;
      }
      field = "";
    });
    sax.write(xml.bytes.toString("utf8")).close();
    expect(rows).toHaveLength(3);
    expect(rowsHash(JSON.parse(meta.schema!), rows)).toBe(meta.sha256);

    const xlsx = await exportOf(key, owner.tenant.id, { target: "integrations", format: "xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const properties = JSON.parse(workbook.description!);
    expect(properties).toMatchObject({ target: "integrations", row_count: 3 });
    const sheet = workbook.getWorksheet("Data")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const data: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) data.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])));
    });
    expect(data.map((r) => r.name)).toEqual(["North", "Sandbox", "South"]);
    expect(rowsHash(properties.schema, data)).toBe(properties.sha256);
    const metaSheet = workbook.getWorksheet("Metadata")!;
    expect(metaSheet.getRow(1).getCell(1).value).toBe("exported_at");
  });

  it("exports the audit log, refuses bad filters with field messages, and answers 404 for another tenant's export", async () => {
    const { owner, key } = await seed();
    const audit = await exportOf(key, owner.tenant.id, { target: "audit_log", format: "csv", filters: { action: "integration.created" } });
    expect((parseCsv(audit.bytes, { columns: true }) as unknown[]).length).toBe(3);
    const bad = await call(create, key, "/export", { method: "POST", body: { target: "health_history", format: "csv", filters: {} } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty("filters.integration_id");
    const other = await ownerContext("globex");
    const { key: otherKey } = await createApiKey(other, { name: "Other", scopes: ["exports:read"] });
    expect((await call(getOne, otherKey, `/export/${audit.id}`, { params: { id: audit.id } })).status).toBe(404);
    const { key: noScope } = await createApiKey(owner, { name: "No scope", scopes: ["integrations:read"] });
    expect((await call(create, noScope, "/export", { method: "POST", body: { target: "integrations" } })).status).toBe(403);
  });

  it("exports an entity's records with its fields typed in the schema, and every sync run including the import's", async () => {
    const { owner, key } = await seed();
    await createEntity(owner, {
      key: "customer",
      name: "Customers",
      fields: [
        { key: "code", type: "string", required: true },
        { key: "credit_limit", type: "number" },
        { key: "visits", type: "integer" },
        { key: "active", type: "boolean" },
      ],
      key_fields: ["code"],
    });
    const csv = "Code,Credit limit,Visits,Active\nC1,12.5,3,true\nC2,40,0,false\n";
    const up = await uploadImport(owner, {
      fileName: "customers.csv",
      source: (async function* () {
        yield new TextEncoder().encode(csv);
      })(),
      options: () => ({ target: "entity:customer" }),
    });
    await dryRunImport(owner, {
      import_id: up.id,
      mapping: { code: "Code", credit_limit: "Credit limit", visits: "Visits", active: "Active" },
    });
    const queued: ImportJobData[] = [];
    await executeImport(owner, { import_id: up.id }, async (d) => void queued.push(d));
    await runImport(queued[0]!);

    const json = await exportOf(key, owner.tenant.id, { target: "records", format: "json", filters: { entity: "customer" } });
    const envelope = JSON.parse(json.bytes.toString("utf8"));
    expect(envelope.metadata.schema.slice(0, 4)).toEqual([
      { name: "code", type: "string" },
      { name: "credit_limit", type: "number" },
      { name: "visits", type: "integer" },
      { name: "active", type: "boolean" },
    ]);
    // One batch: the same change time, so the records' order is their ids'.
    const byCode = [...envelope.data].sort((a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code));
    expect(byCode).toMatchObject([
      { code: "C1", credit_limit: 12.5, visits: 3, active: true, record_source_type: "import", record_last_action: "created" },
      { code: "C2", credit_limit: 40, visits: 0, active: false },
    ]);
    expect(envelope.metadata).toMatchObject({ target: "records", filters: { entity: "customer" }, row_count: 2 });
    expect(rowsHash(envelope.metadata.schema, envelope.data)).toBe(envelope.metadata.sha256);

    const filtered = await exportOf(key, owner.tenant.id, {
      target: "records",
      format: "csv",
      filters: { entity: "customer", q: "C2", actions: "created,updated" },
    });
    expect((parseCsv(filtered.bytes, { columns: true }) as { code: string }[]).map((r) => r.code)).toEqual(["C2"]);

    const unknown = await call(create, key, "/export", { method: "POST", body: { target: "records", filters: { entity: "nothing" } } });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.fields).toEqual({ "filters.entity": "No entity with the key nothing." });
    const badActions = await call(create, key, "/export", {
      method: "POST",
      body: { target: "records", filters: { entity: "customer", actions: "created,gone" } },
    });
    expect(badActions.status).toBe(422);
    expect((await badActions.json()).error.fields).toHaveProperty("filters.actions");

    const runs = await exportOf(key, owner.tenant.id, { target: "sync_runs", format: "csv", filters: { trigger: "import" } });
    const rows = parseCsv(runs.bytes, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: "customer", trigger: "import", status: "completed", created: "2", integration_id: "" });
    expect((await importStatus(owner, up.id)).sync_run_id).toBe(rows[0]!.id);
    const none = await exportOf(key, owner.tenant.id, { target: "sync_runs", format: "csv", filters: { trigger: "schedule" } });
    expect(parseCsv(none.bytes, { columns: true })).toEqual([]);
    const badStatus = await call(create, key, "/export", { method: "POST", body: { target: "sync_runs", filters: { status: "done" } } });
    expect(badStatus.status).toBe(422);
    expect((await badStatus.json()).error.fields).toHaveProperty("filters.status");

    // A test-mode key's export sees runs of sandbox integrations only, and the import's run has none.
    const { key: testKey } = await createApiKey(owner, { name: "Sandbox exports", scopes: ["exports:read"], mode: "test" });
    const sandboxed = await exportOf(testKey, owner.tenant.id, { target: "sync_runs", format: "csv" });
    expect(parseCsv(sandboxed.bytes, { columns: true })).toEqual([]);
  });
});
