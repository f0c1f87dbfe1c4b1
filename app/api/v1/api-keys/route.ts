import { NextResponse } from "next/server";
import { createApiKey, listApiKeys } from "@/lib/api-keys";

import { keyMode } from "@/lib/api-keys/format";
import { serializeApiKey } from "@/lib/api-keys/serialize";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";

export const GET = apiRoute("api_keys:write", async (_req, { tenant }) => ({
  data: (await listApiKeys(tenant)).map(serializeApiKey),
  next_cursor: null,
}));

// The service validates the body with createApiKeySchema; a failure becomes a 422 with field messages.
export const POST = apiRoute("api_keys:write", async (req, { tenant }) => {
  const created = await createApiKey(tenant, await readJson(req));
  return NextResponse.json(
    {
      id: created.id,
      name: created.name,
      prefix: created.prefix,
      mode: keyMode(created.prefix),
      key: created.key,
      expires_at: created.expiresAt?.toISOString() ?? null,
    },
    { status: 201 },
  );
});
