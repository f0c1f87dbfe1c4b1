/** A file download: attachment with a safe file name, streamed when the body is a stream. */
export function fileResponse(
  file: { fileName: string; contentType: string; body: Uint8Array | AsyncIterable<Uint8Array> },
  headers: HeadersInit = {},
) {
  const name = file.fileName.replace(/[^\w.-]+/g, "_");
  const body =
    file.body instanceof Uint8Array
      ? (file.body as Uint8Array<ArrayBuffer>)
      : new ReadableStream<Uint8Array>({
          async start(controller) {
            try {
              for await (const chunk of file.body as AsyncIterable<Uint8Array>) controller.enqueue(chunk);
              controller.close();
            } catch (error) {
              controller.error(error);
            }
          },
        });
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}
