import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createReceiver, listReceivers } from "@/lib/webhooks";
import { requestOrigin } from "@/lib/http/request-origin";

type Params = { id: string };

export const GET = apiRoute<Params>("integrations:read", async (req, { tenant, params }) => ({
  data: await listReceivers(tenant, params.id, requestOrigin(req.headers)),
}));

export const POST = apiRoute<Params>("integrations:write", async (req, { tenant, params }) =>
  NextResponse.json(await createReceiver(tenant, params.id, await readJson(req), requestOrigin(req.headers)), {
    status: 201,
  }),
);
