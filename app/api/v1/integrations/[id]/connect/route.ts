import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { requestOrigin } from "@/lib/http/request-origin";
import { startConnect } from "@/lib/oauth";

export const POST = apiRoute<{ id: string }>("integrations:write", async (req, { tenant, params }) => {
  const result = await startConnect(tenant, params.id, await readJson(req), requestOrigin(req.headers));
  if (result.kind === "connected") return { connection: result.connection };
  return { authorization_url: result.authorization_url, state: result.state, expires_at: result.expires_at };
});
