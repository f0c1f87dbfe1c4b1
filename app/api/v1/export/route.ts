import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createExport, listExports } from "@/lib/exports/service";

export const GET = apiRoute("exports:read", async (_req, { tenant }) => ({ data: await listExports(tenant) }));

export const POST = apiRoute("exports:read", async (req, { tenant }) =>
  NextResponse.json(await createExport(tenant, await readJson(req)), { status: 202 }),
);
