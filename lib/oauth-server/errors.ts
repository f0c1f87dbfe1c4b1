/**
 * An RFC 6749 §5.2 error: the `error` code a client library branches on and a description for
 * people. invalid_client is 401 (with WWW-Authenticate); everything else is 400.
 */
export class OAuthError extends Error {
  constructor(
    readonly error:
      | "invalid_request"
      | "invalid_client"
      | "invalid_grant"
      | "unauthorized_client"
      | "unsupported_grant_type"
      | "invalid_scope"
      | "unsupported_response_type"
      | "access_denied"
      | "temporarily_unavailable",
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }

  get status(): number {
    if (this.error === "invalid_client") return 401;
    if (this.error === "temporarily_unavailable") return 429;
    return 400;
  }
}

export const invalidRequest = (description: string) => new OAuthError("invalid_request", description);
export const invalidGrant = (description: string) => new OAuthError("invalid_grant", description);
export const invalidScope = (description: string) => new OAuthError("invalid_scope", description);
// One description for every way client authentication fails, so nobody learns which client ids exist.
export const invalidClient = () => new OAuthError("invalid_client", "Client authentication failed.");
