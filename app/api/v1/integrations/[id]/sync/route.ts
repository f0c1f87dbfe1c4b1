import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { requestSync } from "@/lib/sync/start";

export const POST = apiRoute<{ id: string }>("sync:write", async (req, { tenant, params }) =>
  NextResponse.json(await requestSync(tenant, params.id, await readJson(req)), { status: 202 }),
);
