import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError, invalid } from "@/lib/errors";
import { tooLarge } from "@/lib/files/chunks";

export type IncomingUpload = {
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  /** The text fields; those after the file part are known once the file has been read. */
  fields: () => Promise<Record<string, string>>;
};

/**
 * Streams a multipart upload's one file to `handle` as it arrives (busboy), never holding it whole.
 * Form fields may come before or after the file; `fields()` waits for the end of the body.
 */
export async function withUpload<T>(req: Request, maxBytes: number, handle: (upload: IncomingUpload) => Promise<T>): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type))
    throw new AppError("unsupported_media_type", "Send the file as multipart/form-data with a part named file.");
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes + 1024 * 1024) throw tooLarge(maxBytes);
  if (!req.body) throw invalid("Attach the file.", { file: "Attach the file." });
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 20, fieldSize: 4096, fileSize: maxBytes + 1 } });
  } catch {
    throw new AppError("bad_request", "The multipart body's boundary is missing or malformed.");
  }
  const fields: Record<string, string> = {};
  const done = new Promise<Record<string, string>>((resolve, reject) => {
    parser.on("close", () => resolve(fields));
    parser.on("error", () => reject(new AppError("bad_request", "The multipart body is malformed or was cut off.")));
  });
  done.catch(() => {});
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  const file = new Promise<IncomingUpload>((resolve) => {
    parser.on("file", (name, stream, info) => {
      if (name !== "file") return void stream.resume();
      resolve({ fileName: info.filename || "upload", source: stream, fields: () => done });
    });
    void done.then(
      () => resolve({ fileName: "", source: (async function* () {})(), fields: () => done }),
      () => {},
    );
  });
  Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>).pipe(parser);
  const upload = await Promise.race([file, done.then(() => file)]);
  if (!upload.fileName) throw invalid("Attach the file.", { file: "Attach the file in a part named file." });
  return handle(upload);
}
