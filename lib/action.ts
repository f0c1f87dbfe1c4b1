import "server-only";
import { revalidatePath } from "next/cache";
import type { Role } from "@/db/schema";
import { assertStorable } from "@/lib/api/storable-text";
import { requireTenantContext } from "@/lib/auth/session";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { toActionError } from "./action-error";
import type { ActionResult } from "./action-result";

export { toActionError, type ActionResult };

/**
 * Every tenant-scoped server action: session → membership → role → text that can be stored
 * (the same door as the API's JSON reader) → the feature's service (which parses its own zod schema) → a result the form can show → revalidation.
 */
export function tenantAction<I, T>(role: Role, fn: (ctx: TenantContext, input: I) => Promise<T>, revalidate?: (slug: string) => string) {
  return async (tenantSlug: string, input: I): Promise<ActionResult<T>> => {
    try {
      const ctx = await requireTenantContext(tenantSlug);
      requireRole(ctx, role);
      assertStorable(input);
      const data = await fn(ctx, input);
      if (revalidate) revalidatePath(revalidate(tenantSlug));
      return { ok: true, data };
    } catch (error) {
      return toActionError(error);
    }
  };
}
