import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { FileFormatError, MAX_COLUMNS, tooManyColumns, uniqueHeaders, type ByteSource, type Cell, type ParsedRow } from "./types";

/** A date without a time of day as yyyy-mm-dd, a moment as ISO 8601: what the rules engine's date and datetime parse. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** A cell's value as data: a formula's cached result, rich text's plain text, a hyperlink's text. */
export function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return dateText(value);
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    const v = value as {
      result?: unknown;
      richText?: { text: string }[];
      text?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
    };
    if ("formula" in v || "sharedFormula" in v) return cellValue(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (v.text !== undefined) return cellValue(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

function xlsxError(error: unknown): never {
  if (error instanceof FileFormatError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new FileFormatError(
    `The XLSX workbook cannot be read (is it complete, and saved by a spreadsheet program?): ${message.slice(0, 200)}`,
  );
}

// A zip ends with its end-of-central-directory record, within the last 22 + 65,535 bytes (its comment).
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const EOCD_WINDOW = 22 + 65_535;

/**
 * Refuses a zip without its end record (a truncated upload) before exceljs reads it: its streaming
 * reader can wait forever for the rest of a cut archive instead of failing. Costs one extra read of the file.
 */
async function assertCompleteZip(open: ByteSource): Promise<void> {
  let tail = Buffer.alloc(0);
  for await (const chunk of open()) {
    tail = Buffer.concat([tail, Buffer.from(chunk)]);
    if (tail.length > EOCD_WINDOW * 2) tail = tail.subarray(tail.length - EOCD_WINDOW);
  }
  if (tail.subarray(Math.max(0, tail.length - EOCD_WINDOW)).lastIndexOf(EOCD) === -1)
    throw new FileFormatError(
      "The XLSX workbook is incomplete: the file ends before the end of its zip archive (was the upload cut short?).",
    );
}

/** Rows of one worksheet, streamed: shared strings cached, styles read so date cells come back as dates. */
export async function* xlsxRows(open: ByteSource, options: { sheet?: string }): AsyncGenerator<ParsedRow> {
  await assertCompleteZip(open);
  const input = Readable.from(open());
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let headers: string[] | null = null;
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name;
      if (found || (options.sheet && name !== options.sheet)) {
        // The reader needs each emitted sheet drained before it moves on.
        for await (const _ of worksheet) void _;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const raw = row.values as unknown[];
        if (raw.length - 1 > MAX_COLUMNS) throw tooManyColumns(raw.length - 1);
        if (!headers) {
          headers = uniqueHeaders(raw.slice(1).map(cellValue));
          continue;
        }
        const values: ParsedRow["values"] = {};
        let any = false;
        headers.forEach((h, i) => {
          const v = cellValue(raw[i + 1]);
          values[h] = v;
          if (v !== null) any = true;
        });
        if (any) yield { row: row.number, values };
      }
    }
  } catch (error) {
    input.destroy();
    xlsxError(error);
  }
  if (!found)
    throw new FileFormatError(options.sheet ? `The workbook has no worksheet named ${options.sheet}.` : "The workbook has no worksheet.");
  if (!headers) throw new FileFormatError("The worksheet is empty: its first row should name the columns.");
}
