import { revokeApiKey } from "@/lib/api-keys";
import { apiRoute } from "@/lib/api/handler";

export const DELETE = apiRoute<{ id: string }>("api_keys:write", async (_req, { tenant, params }) => {
  await revokeApiKey(tenant, { id: params.id });
  return new Response(null, { status: 204 });
});
