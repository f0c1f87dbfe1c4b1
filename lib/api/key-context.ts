import { authenticateApiKey, type AuthenticatedKey } from "@/lib/api-keys";
import { consumeKeyLimits } from "@/lib/api-keys/limits";
import type { TenantContext } from "@/lib/tenancy/context";
import { principalContext, type Principal, type PrincipalResolver } from "./principal";

export function keyPrincipal(key: AuthenticatedKey, ip: string | null = null): Principal {
  return {
    tenant: key.tenant,
    scopes: key.scopes,
    actor: { type: "api_key", id: key.keyId, label: `${key.keyName} (${key.prefix}…)`, ip },
    mode: key.mode,
    credential: { type: "api_key", id: key.keyId, name: key.keyName, prefix: key.prefix },
  };
}

/** The context an API key's calls run in, for callers holding the key itself (the CLI, tests). */
export function keyContext(key: AuthenticatedKey, ip: string | null = null): TenantContext {
  return principalContext(keyPrincipal(key, ip));
}

/** Patchbay's own API keys, with their per-key rate limits. */
export const apiKeyResolver: PrincipalResolver = async (token, ip) => {
  const check = await authenticateApiKey(token, ip);
  if (!check.ok) return check.status === 401 ? { outcome: "invalid" } : { outcome: "refused", message: check.message };
  const { key } = check;
  return { outcome: "authenticated", principal: keyPrincipal(key, ip), consumeLimits: () => consumeKeyLimits(key) };
};
