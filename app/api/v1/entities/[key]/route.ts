import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteEntity, getEntity, updateEntity } from "@/lib/sync";

type Params = { key: string };

export const GET = apiRoute<Params>("sync:read", async (_req, { tenant, params }) => getEntity(tenant, params.key));

export const PATCH = apiRoute<Params>("sync:write", async (req, { tenant, params }) =>
  updateEntity(tenant, params.key, await readJson(req)),
);

export const DELETE = apiRoute<Params>("sync:write", async (_req, { tenant, params }) => {
  await deleteEntity(tenant, params.key);
  return new Response(null, { status: 204 });
});
