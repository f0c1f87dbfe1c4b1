import { getApiKey, revokeApiKey, updateApiKey } from "@/lib/api-keys";
import { serializeApiKey } from "@/lib/api-keys/serialize";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";

type Params = { id: string };

export const GET = apiRoute<Params>("api_keys:write", async (_req, { tenant, params }) =>
  serializeApiKey(await getApiKey(tenant, params.id)),
);

// The service validates the body with updateApiKeySchema, the edit form's schema.
export const PATCH = apiRoute<Params>("api_keys:write", async (req, { tenant, params }) =>
  serializeApiKey(await updateApiKey(tenant, params.id, await readJson(req))),
);

export const DELETE = apiRoute<Params>("api_keys:write", async (_req, { tenant, params }) => {
  await revokeApiKey(tenant, { id: params.id });
  return new Response(null, { status: 204 });
});
