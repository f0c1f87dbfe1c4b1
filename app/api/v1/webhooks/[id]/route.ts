import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks";

type Params = { id: string };

export const GET = apiRoute<Params>("webhooks:read", async (_req, { tenant, params }) => getEndpoint(tenant, params.id));

export const PATCH = apiRoute<Params>("webhooks:write", async (req, { tenant, params }) =>
  updateEndpoint(tenant, params.id, await readJson(req)),
);

export const DELETE = apiRoute<Params>("webhooks:write", async (_req, { tenant, params }) => {
  await deleteEndpoint(tenant, params.id);
  return new Response(null, { status: 204 });
});
