/** Why an SSO sign-in stopped; the login page shows the message, the audit log keeps the code and detail. */
export const SSO_ERRORS = {
  flow_missing: "That sign-in link is unknown or was already used. Start again from the sign-in page.",
  flow_expired: "The sign-in took too long. Start again from the sign-in page.",
  other_browser: "This sign-in was started in another browser. Start again from the sign-in page here.",
  idp_initiated:
    "Sign-in has to start at Patchbay: enter your email on the sign-in page. Sign-ins started at the identity provider are refused.",
  idp_refused: "Your identity provider did not confirm the sign-in.",
  invalid_response: "The identity provider's answer failed Patchbay's checks. Ask your administrator to check the SSO settings.",
  replayed: "That sign-in answer was already used. Start again from the sign-in page.",
  no_email: "Your identity provider did not send an email address.",
  unverified_domain: "Your email's domain is not verified for this organisation, so its single sign-on cannot sign you in.",
  not_configured: "Single sign-on is not set up for this organisation.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly detail?: string,
  ) {
    super(SSO_ERRORS[code]);
    this.name = "SsoError";
  }
}

export function isSsoErrorCode(code: unknown): code is SsoErrorCode {
  return typeof code === "string" && Object.hasOwn(SSO_ERRORS, code);
}
