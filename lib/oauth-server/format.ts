import { randomBase62 } from "@/lib/crypto/hash";

// Recognisable prefixes: the principal resolvers tell an access token from an API key by them,
// and secret scanners can match them.
export const ACCESS_TOKEN_PREFIX = "pbo_at_";
export const REFRESH_TOKEN_PREFIX = "pbo_rt_";
export const CLIENT_ID_PREFIX = "pbo_client_";
export const CLIENT_SECRET_PREFIX = "pbo_cs_";
export const CODE_PREFIX = "pbo_code_";

export const newAccessToken = () => `${ACCESS_TOKEN_PREFIX}${randomBase62(43)}`;
export const newRefreshToken = () => `${REFRESH_TOKEN_PREFIX}${randomBase62(43)}`;
export const newClientId = () => `${CLIENT_ID_PREFIX}${randomBase62(20)}`;
export const newClientSecret = () => `${CLIENT_SECRET_PREFIX}${randomBase62(43)}`;
export const newAuthorizationCode = () => `${CODE_PREFIX}${randomBase62(43)}`;
