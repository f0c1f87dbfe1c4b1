import { pipeline, Readable } from "node:stream";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { decodeText, detectEncoding, readSample, type TextEncodingName } from "./text";
import { FileFormatError, MAX_COLUMNS, MAX_RECORD_BYTES, tooManyColumns, uniqueHeaders, type ByteSource, type ParsedRow } from "./types";

const DELIMITERS = [",", ";", "\t", "|"];

/**
 * The delimiter that splits the sample's first lines into the same number of fields (more than
 * one) most consistently; a comma when none does (a one-column file).
 */
export function detectDelimiter(sample: string): string {
  const lines = sample.slice(0, sample.lastIndexOf("\n") + 1 || sample.length);
  let best = { delimiter: ",", score: 0 };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseSync(lines, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        to_line: 20,
        skip_empty_lines: true,
        bom: true,
      });
    } catch {
      continue;
    }
    if (records.length === 0) continue;
    const width = records[0]!.length;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    const score = consistent * 1000 + width;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function csvError(error: unknown): never {
  const e = error as { code?: string; lines?: number; message?: string };
  if (e.code === "CSV_MAX_RECORD_SIZE")
    throw new FileFormatError(`Line ${e.lines ?? "?"} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB; is the file CSV?`);
  if (typeof e.code === "string" && e.code.startsWith("CSV_"))
    throw new FileFormatError(`The CSV cannot be read near line ${e.lines ?? "?"}: ${e.message}`);
  throw error;
}

export async function resolveCsvOptions(open: ByteSource, options: { delimiter?: string; encoding?: "auto" | TextEncodingName }) {
  const sample = await readSample(open());
  const encoding = !options.encoding || options.encoding === "auto" ? detectEncoding(sample) : options.encoding;
  const delimiter = options.delimiter ?? detectDelimiter(new TextDecoder(encoding).decode(sample));
  return { encoding, delimiter };
}

/** Rows of a CSV file: the first record names the columns; quoted fields may hold delimiters, quotes and newlines. */
export async function* csvRows(
  open: ByteSource,
  options: { delimiter?: string; encoding?: "auto" | TextEncodingName },
): AsyncGenerator<ParsedRow> {
  const { encoding, delimiter } = await resolveCsvOptions(open, options);
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    bom: true,
  });
  // pipeline carries backpressure to the source, and tears the source down when the parser fails
  // or the consumer stops early (a destroyed parser ends the pipeline).
  pipeline(Readable.from(decodeText(open(), encoding)), parser, () => {});
  let headers: string[] | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!headers) {
        headers = uniqueHeaders(record);
        continue;
      }
      if (record.length > MAX_COLUMNS) throw tooManyColumns(record.length);
      const values: ParsedRow["values"] = {};
      headers.forEach((h, i) => {
        const v = record[i];
        values[h] = v === undefined || v === "" ? null : v;
      });
      yield { row, values };
    }
  } catch (error) {
    csvError(error);
  } finally {
    parser.destroy();
  }
  if (!headers) throw new FileFormatError("The file is empty: the first line should name the columns.");
}
