import { apiRoute } from "@/lib/api/handler";
import { disconnect } from "@/lib/oauth";

export const POST = apiRoute<{ id: string }>("integrations:write", async (_req, { tenant, params }) => disconnect(tenant, params.id));
