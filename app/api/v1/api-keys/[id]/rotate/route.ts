import { NextResponse } from "next/server";
import { rotateApiKey } from "@/lib/api-keys";
import { keyMode } from "@/lib/api-keys/format";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";

export const POST = apiRoute<{ id: string }>("api_keys:write", async (req, { tenant, params }) => {
  const body = (await readJson(req)) as { grace_period_hours?: number };
  const rotated = await rotateApiKey(tenant, { ...body, id: params.id });
  return NextResponse.json(
    {
      id: rotated.id,
      name: rotated.name,
      prefix: rotated.prefix,
      mode: keyMode(rotated.prefix),
      key: rotated.key,
      expires_at: rotated.expiresAt?.toISOString() ?? null,
      old_key_valid_until: rotated.oldKeyValidUntil.toISOString(),
    },
    { status: 201 },
  );
});
