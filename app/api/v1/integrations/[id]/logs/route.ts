import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listRequestLogs } from "@/lib/integrations";

export const GET = apiRoute<{ id: string }>("integrations:read", async (req, { tenant, params }) =>
  listRequestLogs(tenant, params.id, queryOf(req)),
);
