import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import type { Role } from "@/db/schema";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { logError } from "@/lib/log";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";

import type { ActionResult } from "./action-result";

export type { ActionResult };

/** Turns what a service threw into what a form can show; unexpected errors stay on the server. */
export function toActionError(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  unstable_rethrow(error);
  if (error instanceof ZodError) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error.issues) };
  }
  if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fields };
  logError("server action failed", error);
  return { ok: false, error: "Something went wrong on our side. Try again; if it keeps failing, check the server log." };
}

/**
 * Every tenant-scoped server action: session → membership → role → the feature's service
 * (which parses its own zod schema) → a result the form can show → revalidation.
 */
export function tenantAction<I, T>(
  role: Role,
  fn: (ctx: TenantContext, input: I) => Promise<T>,
  revalidate?: (slug: string) => string,
) {
  return async (tenantSlug: string, input: I): Promise<ActionResult<T>> => {
    try {
      const ctx = await requireTenantContext(tenantSlug);
      requireRole(ctx, role);
      const data = await fn(ctx, input);
      if (revalidate) revalidatePath(revalidate(tenantSlug));
      return { ok: true, data };
    } catch (error) {
      return toActionError(error);
    }
  };
}
