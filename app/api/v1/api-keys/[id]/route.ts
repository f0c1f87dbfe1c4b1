import { revokeApiKey } from "@/lib/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { keyContext } from "@/lib/api/key-context";

export const DELETE = apiRoute<{ id: string }>("api_keys:write", async (_req, { key, params }) => {
  await revokeApiKey(keyContext(key), { id: params.id });
  return new Response(null, { status: 204 });
});
