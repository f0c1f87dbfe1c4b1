import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { rotateOAuthClientSecret } from "@/lib/oauth-server/clients";

export const POST = apiRoute<{ id: string }>("api_keys:write", async (_req, { tenant, params }) => {
  const { client, clientSecret } = await rotateOAuthClientSecret(tenant, params.id);
  return NextResponse.json({ ...client, client_secret: clientSecret });
});
