import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { addConnectorStreams, listConnectorStreams } from "@/lib/sync/connector-streams";

type Params = { id: string };

export const GET = apiRoute<Params>("sync:read", async (_req, { tenant, params }) => ({
  data: await listConnectorStreams(tenant, params.id),
}));

export const POST = apiRoute<Params>("sync:write", async (req, { tenant, params }) =>
  NextResponse.json({ data: await addConnectorStreams(tenant, params.id, await readJson(req)) }, { status: 201 }),
);
