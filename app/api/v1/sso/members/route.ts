import { apiRoute } from "@/lib/api/handler";
import { ssoMembers } from "@/lib/sso/api";

export const GET = apiRoute("sso:write", async (_req, { tenant }) => ssoMembers(tenant));
