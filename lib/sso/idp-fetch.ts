import type { CustomFetch } from "openid-client";
import { sendRequest } from "@/lib/http/client";

const IDP_TIMEOUT_MS = 10_000;
// Discovery documents, JWKS and SAML metadata are small; a federation-wide metadata file is not what an admin should paste.
const IDP_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** openid-client's fetch, over Patchbay's one outbound client: the SSRF guard and caps apply to discovery, JWKS and the token call. */
export const idpFetch: CustomFetch = async (url, options) => {
  const body = options.body === undefined || options.body === null ? undefined : String(options.body);
  const res = await sendRequest({
    url,
    method: options.method,
    headers: options.headers,
    body,
    timeoutMs: IDP_TIMEOUT_MS,
    maxResponseBytes: IDP_MAX_RESPONSE_BYTES,
    maxRedirects: 0,
  });
  return new Response(res.status === 204 || res.status === 304 ? null : new Uint8Array(res.body), {
    status: res.status,
    headers: res.headers,
  });
};

/** A document from the IdP (SAML metadata) through the guarded client. */
export async function fetchIdpText(url: string): Promise<{ status: number; text: string }> {
  const res = await sendRequest({ url, timeoutMs: IDP_TIMEOUT_MS, maxResponseBytes: IDP_MAX_RESPONSE_BYTES });
  return { status: res.status, text: res.body.toString("utf8") };
}
