import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { canonicalLine } from "@/lib/exports/checksum";
import { runExport } from "@/lib/exports/service";
import type { ExportColumn } from "@/lib/exports/sources";
import { createIntegration } from "@/lib/integrations";
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
});
