import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createStream, listStreams } from "@/lib/sync/streams";

type Params = { id: string };

export const GET = apiRoute<Params>("sync:read", async (_req, { tenant, params }) => ({ data: await listStreams(tenant, params.id) }));

export const POST = apiRoute<Params>("sync:write", async (req, { tenant, params }) =>
  NextResponse.json(await createStream(tenant, params.id, await readJson(req)), { status: 201 }),
);
