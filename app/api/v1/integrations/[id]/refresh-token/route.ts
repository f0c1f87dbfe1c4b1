import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { refreshToken } from "@/lib/oauth";

export const POST = apiRoute<{ id: string }>("integrations:write", async (req, { tenant, params }) => ({
  connection: await refreshToken(tenant, params.id, await readJson(req)),
}));
