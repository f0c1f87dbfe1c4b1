import { apiRoute } from "@/lib/api/handler";
import { deleteSsoDomain } from "@/lib/sso/api";

export const DELETE = apiRoute<{ id: string }>("sso:write", async (_req, { tenant, params }) => {
  await deleteSsoDomain(tenant, params.id);
  return new Response(null, { status: 204 });
});
