import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { queryOf, readJson } from "@/lib/api/read-json";
import { createIntegration, listIntegrations } from "@/lib/integrations";

export const GET = apiRoute("integrations:read", async (req, { tenant }) => listIntegrations(tenant, queryOf(req)));

export const POST = apiRoute("integrations:write", async (req, { tenant }) =>
  NextResponse.json(await createIntegration(tenant, await readJson(req)), { status: 201 }),
);
