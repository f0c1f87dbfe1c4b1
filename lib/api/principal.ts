import type { Actor } from "@/lib/audit";
import type { Scope } from "@/lib/api-keys/scopes";
import type { LimitState } from "@/lib/rate-limit";
import type { TenantContext, TenantRef } from "@/lib/tenancy/context";

/** Who is calling `/api/v1`, whatever credential they presented: all a route and its services see. */
export type Principal = {
  tenant: TenantRef;
  scopes: readonly Scope[];
  actor: Actor;
  /** "test": sandbox integrations and test credentials only. */
  mode: "live" | "test";
  /** The credential itself, for routes that describe it (GET /me). */
  credential:
    | { type: "api_key"; id: string; name: string; prefix: string }
    | { type: "oauth_access_token"; id: string; client: { id: string; clientId: string; name: string }; consentedBy: string | null };
};

export type LimitVerdict = { allowed: boolean; state: LimitState };

/** What a resolver makes of a bearer token. */
export type Resolution =
  | {
      outcome: "authenticated";
      principal: Principal;
      consumeLimits: () => Promise<LimitVerdict>;
      /** Told which scope a call was admitted with, for credentials that track what they use. */
      noteScope?: (scope: Scope) => void;
    }
  /** A valid credential used where it may not be (an address outside its allowlist): 403. */
  | { outcome: "refused"; message: string }
  /** No such credential, or no longer valid: 401, the same answer for every case. */
  | { outcome: "invalid" };

/** Resolves the tokens it recognises; null leaves the token to the next resolver. */
export type PrincipalResolver = (token: string, ip: string | null) => Promise<Resolution | null>;

/** The principal behind a request's `Authorization: Bearer` token, asking each resolver in turn. */
export async function authenticate(req: Request, ip: string | null, resolvers: readonly PrincipalResolver[]): Promise<Resolution> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) return { outcome: "invalid" };
  for (const resolve of resolvers) {
    const resolution = await resolve(match[1]!, ip);
    if (resolution) return resolution;
  }
  return { outcome: "invalid" };
}

/**
 * What a principal may do is decided by its scopes (checked by apiRoute), so services see it as
 * an owner of its tenant; the audit trail names the credential, not a person.
 */
export function principalContext(principal: Principal): TenantContext {
  return {
    tenant: principal.tenant,
    role: "owner",
    actor: principal.actor,
    ...(principal.mode === "test" ? { sandboxOnly: true } : {}),
  };
}
