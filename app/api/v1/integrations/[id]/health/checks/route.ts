import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listHealthChecks } from "@/lib/health";

export const GET = apiRoute<{ id: string }>("integrations:read", async (req, { tenant, params }) =>
  listHealthChecks(tenant, params.id, queryOf(req)),
);
