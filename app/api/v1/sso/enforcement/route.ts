import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { putEnforcement } from "@/lib/sso/api";

// Turning enforcement on needs `confirmed: true`: the caller is expected to have read GET /sso/members first.
export const PUT = apiRoute("sso:write", async (req, { tenant }) => putEnforcement(tenant, await readJson(req)));
