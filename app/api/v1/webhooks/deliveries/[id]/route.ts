import { apiRoute } from "@/lib/api/handler";
import { getDelivery } from "@/lib/webhooks";

export const GET = apiRoute<{ id: string }>("webhooks:read", async (_req, { tenant, params }) => getDelivery(tenant, params.id));
