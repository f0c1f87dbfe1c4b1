import { FileFormatError, type ImportFormat } from "./types";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const BINARY_MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], "a PDF"],
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x1f, 0x8b], "a gzip archive"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old binary Office file (.xls); save it as .xlsx or CSV"],
  [[0x7f, 0x45, 0x4c, 0x46], "a program"],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function firstSignificantChar(sample: Uint8Array): string | null {
  let i = 0;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) i = 3;
  for (; i < sample.length; i++) {
    const c = sample[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return String.fromCharCode(c);
  }
  return null;
}

/** The format the bytes are, from their first bytes, and the file name's extension for text formats that look alike. */
export function detectFormat(sample: Uint8Array, fileName: string): ImportFormat {
  if (startsWith(sample, ZIP)) return "xlsx";
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "xml") return "xml";
  if (ext === "json" || ext === "ndjson" || ext === "jsonl") return "json";
  if (ext === "csv" || ext === "tsv" || ext === "txt") return "csv";
  const first = firstSignificantChar(sample);
  if (first === "<") return "xml";
  if (first === "[" || first === "{") return "json";
  return "csv";
}

/** Refuses bytes that are not the claimed format before any parser sees them: binaries renamed to .csv and the like. */
export function checkLooksLike(format: ImportFormat, sample: Uint8Array): void {
  for (const [magic, what] of BINARY_MAGIC)
    if (startsWith(sample, magic)) throw new FileFormatError(`The file is ${what}, not ${format.toUpperCase()}.`);
  if (format === "xlsx") {
    if (!startsWith(sample, ZIP)) throw new FileFormatError("The file is not an XLSX workbook (an XLSX file is a ZIP archive).");
    return;
  }
  if (startsWith(sample, ZIP)) throw new FileFormatError(`The file is a ZIP archive (an XLSX workbook?), not ${format.toUpperCase()}.`);
  if (sample.includes(0)) throw new FileFormatError(`The file contains binary data (NUL bytes), not ${format.toUpperCase()} text.`);
}
