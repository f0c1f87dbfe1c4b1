import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { putBreakGlass } from "@/lib/sso/api";

export const PUT = apiRoute("sso:write", async (req, { tenant }) => putBreakGlass(tenant, await readJson(req)));
