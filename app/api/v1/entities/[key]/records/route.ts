import { apiRoute } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/read-json";
import { listRecords } from "@/lib/sync";

export const GET = apiRoute<{ key: string }>("sync:read", async (req, { tenant, params }) => listRecords(tenant, params.key, queryOf(req)));
