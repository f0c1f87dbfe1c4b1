import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { canonicalLine, canonicalValue } from "./checksum";
import { csvLine } from "./csv";
import type { ExportFormat } from "./schema";
import type { ExportColumn, ExportRow } from "./sources";

/** What the metadata says about the data; the writer fills in the count and the checksum when the rows are done. */
export type ExportMetadata = Record<string, unknown> & { row_count?: number; sha256?: string; sha256_of?: string };

export type WriteResult = { rowCount: number; sha256: string; sha256Of: "file" | "rows" };

const encoder = new TextEncoder();

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** XML 1.0 cannot carry most control characters even escaped: they are dropped. */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlElement(name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return `<${name}>${escapeXml(text.replace(XML_INVALID, ""))}</${name}>`;
}

function metadataXml(metadata: ExportMetadata): string {
  const entries = Object.entries(metadata).map(([k, v]) => xmlElement(k, typeof v === "object" && v !== null ? JSON.stringify(v) : v));
  return `<metadata>${entries.join("")}</metadata>`;
}

/**
 * Streams rows into the chosen format, chunk by chunk into `sink`. The checksum is over the file's
 * bytes for CSV (its metadata travels beside it) and over the canonical rows for the formats that
 * carry their metadata inside (JSON envelope, XML, XLSX properties and Metadata sheet).
 */
export async function writeExport(
  format: ExportFormat,
  columns: ExportColumn[],
  rows: AsyncIterable<ExportRow[]>,
  metadata: () => ExportMetadata,
  sink: (bytes: AsyncIterable<Uint8Array>) => Promise<unknown>,
): Promise<WriteResult> {
  const hash = createHash("sha256");
  let rowCount = 0;
  const finished = (): ExportMetadata => ({ ...metadata(), row_count: rowCount, sha256: hash.copy().digest("hex"), sha256_of: "rows" });

  if (format === "xlsx") {
    const stream = new PassThrough();
    const stored = sink(stream);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet("Data");
    sheet.addRow(columns.map((c) => c.name)).commit();
    for await (const page of rows)
      for (const row of page) {
        hash.update(canonicalLine(columns, row));
        rowCount++;
        sheet.addRow(columns.map((c) => canonicalValue(c.type, row[c.name]))).commit();
      }
    sheet.commit();
    const meta = finished();
    const info = workbook.addWorksheet("Metadata");
    for (const [k, v] of Object.entries(meta))
      info.addRow([k, typeof v === "object" && v !== null ? JSON.stringify(v) : (v as string | number)]).commit();
    info.commit();
    Object.assign(workbook, {
      title: `Patchbay export: ${String(meta.target)}`,
      subject: String(meta.target),
      keywords: `patchbay export sha256:${meta.sha256}`,
      description: JSON.stringify(meta),
      creator: String(meta.exported_by ?? "Patchbay"),
    });
    await workbook.commit();
    await stored;
    return { rowCount, sha256: meta.sha256!, sha256Of: "rows" };
  }

  const parts = async function* (): AsyncGenerator<Uint8Array> {
    if (format === "csv") {
      const header = encoder.encode(csvLine(columns.map((c) => c.name)));
      hash.update(header);
      yield header;
      for await (const page of rows) {
        const bytes = encoder.encode(page.map((row) => csvLine(columns.map((c) => canonicalValue(c.type, row[c.name])))).join(""));
        rowCount += page.length;
        hash.update(bytes);
        yield bytes;
      }
      return;
    }
    if (format === "json") {
      yield encoder.encode('{"data":[');
      let first = true;
      for await (const page of rows) {
        const lines = page.map((row) => {
          hash.update(canonicalLine(columns, row));
          rowCount++;
          const out = Object.fromEntries(
            columns.map((c) => [c.name, c.type === "json" ? (row[c.name] ?? null) : canonicalValue(c.type, row[c.name])]),
          );
          const text = `${first ? "" : ","}\n${JSON.stringify(out)}`;
          first = false;
          return text;
        });
        yield encoder.encode(lines.join(""));
      }
      yield encoder.encode(`\n],"metadata":${JSON.stringify(finished())}}\n`);
      return;
    }
    yield encoder.encode('<?xml version="1.0" encoding="UTF-8"?>\n<export><rows>\n');
    for await (const page of rows) {
      const text = page
        .map((row) => {
          hash.update(canonicalLine(columns, row));
          rowCount++;
          return `<row>${columns.map((c) => xmlElement(c.name, canonicalValue(c.type, row[c.name]))).join("")}</row>\n`;
        })
        .join("");
      yield encoder.encode(text);
    }
    yield encoder.encode(`</rows>${metadataXml(finished())}</export>\n`);
  };
  await sink(parts());
  return { rowCount, sha256: hash.digest("hex"), sha256Of: format === "csv" ? "file" : "rows" };
}
