import { apiRoute } from "@/lib/api/handler";
import { testChannel } from "@/lib/alerts";

export const POST = apiRoute<{ id: string }>("alerts:write", async (_req, { tenant, params }) => testChannel(tenant, params.id));
