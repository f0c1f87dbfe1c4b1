import { apiRoute } from "@/lib/api/handler";
import { testConnection } from "@/lib/integrations";

export const POST = apiRoute<{ id: string }>("integrations:write", async (_req, { tenant, params }) => testConnection(tenant, params.id));
