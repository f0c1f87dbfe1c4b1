import { apiRoute } from "@/lib/api/handler";
import { checkSsoDomain } from "@/lib/sso/api";

export const POST = apiRoute<{ id: string }>("sso:write", async (_req, { tenant, params }) => checkSsoDomain(tenant, params.id));
