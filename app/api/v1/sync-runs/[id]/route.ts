import { apiRoute } from "@/lib/api/handler";
import { getRun } from "@/lib/sync/run-service";

export const GET = apiRoute<{ id: string }>("sync:read", async (_req, { tenant, params }) => getRun(tenant, params.id));
