import { apiRoute } from "@/lib/api/handler";
import { getExport } from "@/lib/exports/service";

export const GET = apiRoute<{ id: string }>("exports:read", async (_req, { tenant, params }) => getExport(tenant, params.id));
