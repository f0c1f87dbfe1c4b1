import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listRunErrors } from "@/lib/sync/run-service";

export const GET = apiRoute<{ id: string }>("sync:read", async (req, { tenant, params }) => listRunErrors(tenant, params.id, queryOf(req)));
