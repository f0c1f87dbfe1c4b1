import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteOAuthClient, getOAuthClient, updateOAuthClient } from "@/lib/oauth-server/clients";

type Params = { id: string };

export const GET = apiRoute<Params>("api_keys:write", async (_req, { tenant, params }) => getOAuthClient(tenant, params.id));

export const PATCH = apiRoute<Params>("api_keys:write", async (req, { tenant, params }) =>
  updateOAuthClient(tenant, params.id, await readJson(req)),
);

export const DELETE = apiRoute<Params>("api_keys:write", async (_req, { tenant, params }) => {
  await deleteOAuthClient(tenant, params.id);
  return new Response(null, { status: 204 });
});
