import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listReceivedEvents } from "@/lib/webhooks";

export const GET = apiRoute<{ id: string }>("integrations:read", async (req, { tenant, params }) =>
  listReceivedEvents(tenant, params.id, queryOf(req)),
);
