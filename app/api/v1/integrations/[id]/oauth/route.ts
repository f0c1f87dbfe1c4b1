import { apiRoute } from "@/lib/api/handler";
import { getOAuthConnection } from "@/lib/oauth";

export const GET = apiRoute<{ id: string }>("integrations:read", async (_req, { tenant, params }) => getOAuthConnection(tenant, params.id));
