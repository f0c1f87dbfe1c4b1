import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { previewStream } from "@/lib/sync/preview";

export const POST = apiRoute<{ id: string; stream_id: string }>("sync:write", async (req, { tenant, params }) =>
  previewStream(tenant, params.id, params.stream_id, await readJson(req)),
);
