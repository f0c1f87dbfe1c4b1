import { apiRoute } from "@/lib/api/handler";
import { pushConnectorStream } from "@/lib/sync/connector-push";

export const POST = apiRoute<{ id: string; stream_id: string }>("sync:write", async (_req, { tenant, params }) =>
  pushConnectorStream(tenant, params.id, params.stream_id),
);
