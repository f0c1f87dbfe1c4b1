import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteChannel, getChannel, updateChannel } from "@/lib/alerts";

type Params = { id: string };

export const GET = apiRoute<Params>("alerts:read", async (_req, { tenant, params }) => getChannel(tenant, params.id));

export const PATCH = apiRoute<Params>("alerts:write", async (req, { tenant, params }) =>
  updateChannel(tenant, params.id, await readJson(req)),
);

export const DELETE = apiRoute<Params>("alerts:write", async (_req, { tenant, params }) => {
  await deleteChannel(tenant, params.id);
  return new Response(null, { status: 204 });
});
