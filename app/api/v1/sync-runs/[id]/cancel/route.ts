import { apiRoute } from "@/lib/api/handler";
import { cancelRun } from "@/lib/sync/run-service";

export const POST = apiRoute<{ id: string }>("sync:write", async (_req, { tenant, params }) => cancelRun(tenant, params.id));
