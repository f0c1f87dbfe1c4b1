import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/integrations";

type Params = { id: string };

export const GET = apiRoute<Params>("integrations:read", async (_req, { tenant, params }) => getIntegration(tenant, params.id));

export const PATCH = apiRoute<Params>("integrations:write", async (req, { tenant, params }) =>
  updateIntegration(tenant, params.id, await readJson(req)),
);

export const DELETE = apiRoute<Params>("integrations:write", async (_req, { tenant, params }) => {
  await deleteIntegration(tenant, params.id);
  return new Response(null, { status: 204 });
});
