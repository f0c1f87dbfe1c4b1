import "server-only";
import { revalidatePath } from "next/cache";
import type { Role } from "@/db/schema";
import { assertStorable } from "@/lib/api/storable-text";
import { requireTenantContext } from "@/lib/auth/session";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { toActionError } from "./action-error";
import type { ActionResult } from "./action-result";

export { toActionError, type ActionResult };

type Service<I, T> = (ctx: TenantContext, input: I) => Promise<T>;

function run<I, T>(role: Role, fn: Service<I, T>, after: (tenantSlug: string) => void) {
  return async (tenantSlug: string, input: I): Promise<ActionResult<T>> => {
    try {
      const ctx = await requireTenantContext(tenantSlug);
      requireRole(ctx, role);
      assertStorable(input);
      const data = await fn(ctx, input);
      after(tenantSlug);
      return { ok: true, data };
    } catch (error) {
      return toActionError(error);
    }
  };
}

/**
 * Every tenant-scoped server action that changes something: session → membership → role → text
 * that can be stored (the same door as the API's JSON reader) → the feature's service (which parses its own zod schema) → a result the form can show.
 *
 * This is the one refresh after a mutation: on success the tenant's whole tree is revalidated, so
 * the same response carries the current page re-rendered on the server, layouts included (the
 * header's badges live in a layout, which Next's plain `refresh()` left as it was), and the live
 * views adopt what the server rendered (see useLive). Components do not refresh on their own.
 */
export function tenantAction<I, T>(role: Role, fn: Service<I, T>) {
  return run(role, fn, (tenantSlug) => revalidatePath(`/t/${tenantSlug}`, "layout"));
}

/** A tenant-scoped read backing a live view's polling: same checks, and no page refresh. */
export function tenantQuery<I, T>(role: Role, fn: Service<I, T>) {
  return run(role, fn, () => {});
}
