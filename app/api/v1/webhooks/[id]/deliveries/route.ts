import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listDeliveries } from "@/lib/webhooks";

export const GET = apiRoute<{ id: string }>("webhooks:read", async (req, { tenant, params }) =>
  listDeliveries(tenant, params.id, queryOf(req)),
);
