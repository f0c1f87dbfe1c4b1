import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { queryOf, readJson } from "@/lib/api/read-json";
import { createEndpoint, listEndpoints } from "@/lib/webhooks";

export const GET = apiRoute("webhooks:read", async (req, { tenant }) => listEndpoints(tenant, queryOf(req)));

export const POST = apiRoute("webhooks:write", async (req, { tenant }) =>
  NextResponse.json(await createEndpoint(tenant, await readJson(req)), { status: 201 }),
);
