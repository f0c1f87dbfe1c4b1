import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteStream, getStream, updateStream } from "@/lib/sync/streams";

type Params = { id: string; stream_id: string };

export const GET = apiRoute<Params>("sync:read", async (_req, { tenant, params }) => getStream(tenant, params.id, params.stream_id));

export const PATCH = apiRoute<Params>("sync:write", async (req, { tenant, params }) =>
  updateStream(tenant, params.id, params.stream_id, await readJson(req)),
);

export const DELETE = apiRoute<Params>("sync:write", async (_req, { tenant, params }) => {
  await deleteStream(tenant, params.id, params.stream_id);
  return new Response(null, { status: 204 });
});
