import { apiRoute } from "@/lib/api/handler";
import { getIntegrationHealth } from "@/lib/health";

export const GET = apiRoute<{ id: string }>("integrations:read", async (_req, { tenant, params }) => getIntegrationHealth(tenant, params.id));
