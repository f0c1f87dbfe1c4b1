import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listIntegrationHealth } from "@/lib/health";

export const GET = apiRoute("integrations:read", async (req, { tenant }) => listIntegrationHealth(tenant, queryOf(req)));
