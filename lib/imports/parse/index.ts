import { csvRows } from "./csv";
import { jsonRows } from "./json";
import { checkLooksLike } from "./sniff";
import { readSample } from "./text";
import type { ByteSource, ParsedRow, ParseOptions } from "./types";
import { xlsxRows } from "./xlsx";
import { xmlRows } from "./xml";

export * from "./types";
export { detectFormat } from "./sniff";
export { resolveCsvOptions } from "./csv";

/** The rows of a file in any supported format, streamed: one interface over CSV, XLSX, JSON/NDJSON and XML. */
export async function* parseRows(open: ByteSource, options: ParseOptions): AsyncGenerator<ParsedRow> {
  checkLooksLike(options.format, await readSample(open(), 4096));
  if (options.format === "csv") yield* csvRows(open, options);
  else if (options.format === "xlsx") yield* xlsxRows(open, options);
  else if (options.format === "json") yield* jsonRows(open);
  else yield* xmlRows(open, options);
}
