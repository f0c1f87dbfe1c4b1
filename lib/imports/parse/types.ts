import { AppError } from "@/lib/errors";

export const IMPORT_FORMATS = ["csv", "xlsx", "json", "xml"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One cell as a file gives it: text, a number or boolean where the format types it (XLSX, JSON), null when empty. */
export type Cell = string | number | boolean | null;

/**
 * One record of a file. `row` is where a person finds it: the spreadsheet row for CSV and XLSX
 * (the header is row 1), the record's position for JSON, NDJSON and XML (the first is 1).
 */
export type ParsedRow = { row: number; values: Record<string, Cell> };

export type ParseOptions = {
  format: ImportFormat;
  /** CSV only: detected from the first lines when not given. */
  delimiter?: string;
  /** CSV only: "auto" takes UTF-8 when the start of the file is valid UTF-8, Windows-1252 otherwise. */
  encoding?: "auto" | "utf-8" | "windows-1252";
  /** XML only: the element each record is; the root's first child element's name when not given. */
  recordElement?: string;
  /** XLSX only: the worksheet's name; the first when not given. */
  sheet?: string;
};

/** The bytes of a stored or arriving file, re-openable: each pass over a stored file reads it afresh. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export const MAX_COLUMNS = 1000;
/** One record's size: beyond it a "row" is a file without separators (or an attack), not data. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** A file that cannot be read as the format it claims: a 422 whose message says what is wrong and where. */
export class FileFormatError extends AppError {
  constructor(message: string) {
    super("validation_failed", message, { file: message });
    this.name = "FileFormatError";
  }
}

export function tooManyColumns(count: number): FileFormatError {
  return new FileFormatError(`The file has ${count} columns; at most ${MAX_COLUMNS} are supported.`);
}

/** Header names as keys: trimmed, blanks named by position, repeats numbered, so every column is addressable. */
export function uniqueHeaders(raw: unknown[]): string[] {
  if (raw.length > MAX_COLUMNS) throw tooManyColumns(raw.length);
  const seen = new Map<string, number>();
  return raw.map((value, i) => {
    const base = String(value ?? "").trim() || `column_${i + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

/**
 * Counts the bytes fed since the last record was complete: a "record" that keeps growing past
 * MAX_RECORD_BYTES (a 1 GB single line, a never-closed element) is refused instead of buffered.
 */
export class RecordSizeGuard {
  private pending = 0;
  constructor(private readonly what: string) {}
  fed(bytes: number) {
    this.pending += bytes;
    if (this.pending > MAX_RECORD_BYTES * 2)
      throw new FileFormatError(
        `A single ${this.what} is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB; is the file in the format it claims?`,
      );
  }
  record() {
    this.pending = 0;
  }
}
