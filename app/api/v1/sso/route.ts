import { apiRoute } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/http/request-origin";
import { ssoConfig } from "@/lib/sso/api";

export const GET = apiRoute("sso:write", async (req, { tenant }) => ssoConfig(tenant, requestOrigin(req.headers)));
