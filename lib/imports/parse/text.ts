import { FileFormatError } from "./types";

export type TextEncodingName = "utf-8" | "windows-1252";

/** UTF-8 when the sample decodes strictly (a sequence cut at the sample's end aside), Windows-1252 otherwise. */
export function detectEncoding(sample: Uint8Array): TextEncodingName {
  let end = sample.length;
  // Back off over a multibyte sequence the sample may have cut in half.
  for (let i = 0; i < 3 && end > 0 && (sample[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** Decodes a byte stream chunk by chunk (a character split across chunks is joined), dropping a leading BOM. */
export async function* decodeText(source: AsyncIterable<Uint8Array>, encoding: TextEncodingName): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError)
      throw new FileFormatError("The file is not valid UTF-8 text past its start; save it as UTF-8 or Windows-1252 throughout.");
    throw error;
  }
}

/** The first `bytes` of a source, without consuming more of it than that. */
export async function readSample(source: AsyncIterable<Uint8Array>, bytes = 64 * 1024): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= bytes) break;
  }
  const all = Buffer.concat(parts);
  return all.subarray(0, Math.min(all.length, bytes));
}
