import { apiRoute } from "@/lib/api/handler";
import { checkIntegrationNow } from "@/lib/health";

export const POST = apiRoute<{ id: string }>("integrations:write", async (_req, { tenant, params }) =>
  checkIntegrationNow(tenant, params.id),
);
