import type { AuthenticatedKey } from "@/lib/api-keys";
import type { TenantContext } from "@/lib/tenancy/context";

/**
 * What an API key may do is decided by its scopes (checked by apiRoute), so services see
 * the key as an owner of its tenant; the audit trail names the key, not a person.
 */
export function keyContext(key: AuthenticatedKey, ip: string | null = null): TenantContext {
  return {
    tenant: key.tenant,
    role: "owner",
    actor: { type: "api_key", id: key.keyId, label: `${key.keyName} (${key.prefix}…)`, ip },
    ...(key.mode === "test" ? { sandboxOnly: true } : {}),
  };
}
