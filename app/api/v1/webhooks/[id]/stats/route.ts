import { apiRoute } from "@/lib/api/handler";
import { endpointStats } from "@/lib/webhooks";

type Params = { id: string };

export const GET = apiRoute<Params>("webhooks:read", async (_req, { tenant, params }) => endpointStats(tenant, params.id));
