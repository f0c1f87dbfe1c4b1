import { apiRoute } from "@/lib/api/handler";
import { importStatus } from "@/lib/imports/status";

export const GET = apiRoute<{ id: string }>("imports:write", async (_req, { tenant, params }) => importStatus(tenant, params.id));
