import { apiRoute, queryOf } from "@/lib/api/handler";
import { listRequestLogs } from "@/lib/integrations";

export const GET = apiRoute<{ id: string }>(async (req, { tenant, params }) => listRequestLogs(tenant, params.id, queryOf(req)));
