import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createOAuthClient, listOAuthClients } from "@/lib/oauth-server/clients";

export const GET = apiRoute("api_keys:write", async (_req, { tenant }) => ({
  data: await listOAuthClients(tenant),
  next_cursor: null,
}));

// The service validates the body with createOAuthClientSchema, the form's schema.
export const POST = apiRoute("api_keys:write", async (req, { tenant }) => {
  const { client, clientSecret } = await createOAuthClient(tenant, await readJson(req));
  return NextResponse.json({ ...client, client_secret: clientSecret }, { status: 201 });
});
