import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { queryOf, readJson } from "@/lib/api/read-json";
import { createChannel, listChannels } from "@/lib/alerts";

export const GET = apiRoute("alerts:read", async (req, { tenant }) => listChannels(tenant, queryOf(req)));

export const POST = apiRoute("alerts:write", async (req, { tenant }) =>
  NextResponse.json(await createChannel(tenant, await readJson(req)), { status: 201 }),
);
