import { oauthAccessTokenResolver } from "@/lib/oauth-server/resolver";
import { apiKeyResolver } from "./key-context";
import type { PrincipalResolver } from "./principal";

/**
 * Every kind of credential `/api/v1` accepts, asked in order. OAuth access tokens are told apart
 * by their prefix; the API-key resolver recognises every token (an unknown one is an invalid
 * key), so it goes last.
 */
export const PRINCIPAL_RESOLVERS: readonly PrincipalResolver[] = [oauthAccessTokenResolver, apiKeyResolver];
