import { limitPublicRequest, PUBLIC_LIMIT_MESSAGE } from "@/lib/rate-limit/public";
import { errorResponse } from "./handler";

/** A route anyone may call without a key, held to the per-address public budget. */
export function publicRoute(handler: (req: Request) => Response | Promise<Response>) {
  return async (req: Request) => {
    const verdict = await limitPublicRequest(req.headers);
    if (!verdict.allowed) return errorResponse(429, "rate_limited", PUBLIC_LIMIT_MESSAGE, undefined, verdict.headers);
    const response = await handler(req);
    for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value);
    return response;
  };
}
