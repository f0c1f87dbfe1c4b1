import { toErrorResponse } from "@/lib/api/handler";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";

/**
 * A route handler the signed-in admin's browser calls (uploads and downloads too big for a server
 * action): the session's tenant context, and for a POST the same-origin check a server action
 * gets from Next, since the session cookie alone would let another site post.
 */
export function browserRoute<P extends { tenant: string }>(handler: (req: Request, ctx: TenantContext, params: P) => Promise<Response>) {
  return async (req: Request, context: { params: Promise<P> }) => {
    try {
      const params = await context.params;
      if (req.method !== "GET") {
        const origin = req.headers.get("origin");
        const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
        if (!origin || !host || new URL(origin).host !== host) throw new AppError("forbidden", "Cross-site requests are refused.");
      }
      return await handler(req, await requireTenantContext(params.tenant), params);
    } catch (error) {
      if (
        error instanceof Error &&
        (error.message === "NEXT_REDIRECT" || error.message === "NEXT_HTTP_ERROR_FALLBACK;404" || "digest" in error)
      )
        throw error;
      return toErrorResponse(error, new URL(req.url).pathname);
    }
  };
}
