import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { replayFailedSince } from "@/lib/webhooks";

export const POST = apiRoute<{ id: string }>("webhooks:write", async (req, { tenant, params }) =>
  NextResponse.json(await replayFailedSince(tenant, params.id, await readJson(req)), { status: 202 }),
);
