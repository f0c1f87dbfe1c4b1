import { AppError } from "@/lib/errors";
import { assertStorable } from "./storable-text";

export const MAX_JSON_BYTES = 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);

/**
 * The body as text, refused with 413 from the declared length before reading, and otherwise
 * as soon as the bytes received pass the cap: a client must not make the server hold more.
 */
export async function readBodyText(req: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (req.body === null) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isJsonMediaType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * A JSON body as the caller's mistake would be answered: 413 past the cap, 415 when it is not
 * declared as JSON, 400 when it does not parse or nests absurdly deep, 422 naming a string
 * that cannot be stored. An empty body is `{}`, so bodiless POSTs need no header.
 */
export async function readJson(req: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readBodyText(req, maxBytes);
  if (text.trim() === "") return {};
  if (!isJsonMediaType(req.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "The request body must be JSON, sent with Content-Type: application/json.");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  assertStorable(body);
  return body;
}

/** The query string as a plain object, for a list schema to parse. */
export function queryOf(req: Request): Record<string, string> {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  assertStorable(query);
  return query;
}
