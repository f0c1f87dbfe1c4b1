import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { executeImport } from "@/lib/imports/execute";

export const POST = apiRoute("imports:write", async (req, { tenant }) =>
  NextResponse.json(await executeImport(tenant, await readJson(req)), { status: 202 }),
);
