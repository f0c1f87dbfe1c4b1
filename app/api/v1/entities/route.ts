import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createEntity, listEntities } from "@/lib/sync";

export const GET = apiRoute("sync:read", async (_req, { tenant }) => ({ data: await listEntities(tenant) }));

export const POST = apiRoute("sync:write", async (req, { tenant }) =>
  NextResponse.json(await createEntity(tenant, await readJson(req)), { status: 201 }),
);
