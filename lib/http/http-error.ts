export type HttpErrorKind = "invalid_url" | "blocked" | "dns" | "refused" | "timeout" | "tls" | "too_large" | "redirects" | "network";

/** An outbound call that produced no usable response; `message` is safe to show an admin (no secrets, no URLs with queries). */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

/** Names what went wrong at the socket level, with the fix to try. */
export function fromSocketError(error: unknown, host: string): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: string }).code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") {
    return new HttpError("dns", `The host name ${host} could not be resolved. Check the base URL for typos.`);
  }
  if (code === "ECONNREFUSED") {
    return new HttpError("refused", `${host} refused the connection. Check the port and that the service is running.`);
  }
  if (TLS_CODES.test(code)) {
    return new HttpError("tls", `The TLS handshake with ${host} failed (${code}). Check the certificate, or the http/https scheme.`);
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return new HttpError("network", `${host} closed the connection unexpectedly. Try again; if it persists, check the endpoint.`);
  }
  return new HttpError("network", `The request to ${host} failed (${code || "network error"}).`);
}
