import { apiRoute, readJson } from "@/lib/api/handler";
import { deleteIntegration, getIntegration, updateIntegration, type PatchIntegrationInput } from "@/lib/integrations";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, { tenant, params }) => getIntegration(tenant, params.id));

export const PATCH = apiRoute<Params>(async (req, { tenant, params }) =>
  updateIntegration(tenant, params.id, (await readJson(req)) as PatchIntegrationInput),
);

export const DELETE = apiRoute<Params>(async (_req, { tenant, params }) => {
  await deleteIntegration(tenant, params.id);
  return new Response(null, { status: 204 });
});
