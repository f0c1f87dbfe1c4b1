import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { requestOrigin } from "@/lib/http/request-origin";
import { putOidcConfig } from "@/lib/sso/api";

// The service validates the body with oidcConfigSchema, the settings form's schema.
export const PUT = apiRoute("sso:write", async (req, { tenant }) => putOidcConfig(tenant, await readJson(req), requestOrigin(req.headers)));
