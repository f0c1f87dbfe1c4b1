import { JSONParser } from "@streamparser/json";
import { readSample } from "./text";
import { flattenRecord } from "./flatten";
import { FileFormatError, RecordSizeGuard, type ByteSource, type ParsedRow } from "./types";

function isArrayDocument(sample: Uint8Array): boolean {
  const text = new TextDecoder().decode(sample).trimStart();
  return text.startsWith("[");
}

/** Records of a JSON array (each element) or of NDJSON (each line), nested objects flattened to dotted columns. */
export async function* jsonRows(open: ByteSource): AsyncGenerator<ParsedRow> {
  const array = isArrayDocument(await readSample(open(), 4096));
  const parser = new JSONParser(array ? { paths: ["$.*"], keepStack: false } : { paths: ["$"], keepStack: false, separator: "\n" });
  const queue: ParsedRow[] = [];
  const guard = new RecordSizeGuard("JSON record");
  let row = 0;
  let failure: unknown = null;
  parser.onValue = ({ value }) => {
    row++;
    guard.record();
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      failure = new FileFormatError(`Record ${row} is not a JSON object; each ${array ? "array element" : "line"} should be one record.`);
      return;
    }
    queue.push({ row, values: flattenRecord(value as Record<string, unknown>) });
  };
  parser.onError = (error) => {
    failure ??= new FileFormatError(`The JSON cannot be read after record ${row}: ${error.message.slice(0, 200)}`);
  };
  let bom = true;
  for await (let chunk of open()) {
    if (bom && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    bom = false;
    guard.fed(chunk.length);
    if (!parser.isEnded) parser.write(chunk);
    if (failure) throw failure;
    yield* queue.splice(0);
  }
  if (!parser.isEnded) parser.end();
  if (failure) throw failure;
  yield* queue.splice(0);
  if (row === 0) throw new FileFormatError("The file holds no records.");
}
