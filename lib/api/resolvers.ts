import { apiKeyResolver } from "./key-context";
import type { PrincipalResolver } from "./principal";

/**
 * Every kind of credential `/api/v1` accepts, asked in order. The API-key resolver recognises
 * every token (an unknown one is an invalid key), so it goes last.
 */
export const PRINCIPAL_RESOLVERS: readonly PrincipalResolver[] = [apiKeyResolver];
