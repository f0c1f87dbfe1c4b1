// Free of imports: the database schema, the zod schemas and the client forms all read these.

export const ENDPOINT_HTTP_METHODS = ["POST", "PUT"] as const;
export type EndpointHttpMethod = (typeof ENDPOINT_HTTP_METHODS)[number];

export const ENDPOINT_AUTH_TYPES = ["none", "basic", "bearer", "hmac"] as const;
export type EndpointAuthType = (typeof ENDPOINT_AUTH_TYPES)[number];

/** The extra signature of `auth_type: "hmac"`: `sha256=` and the lowercase hex HMAC-SHA256 of the raw body. */
export const HMAC_SIGNATURE_HEADER = "x-patchbay-signature";
