import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { addSsoDomain, ssoDomains } from "@/lib/sso/api";

export const GET = apiRoute("sso:write", async (_req, { tenant }) => ssoDomains(tenant));

export const POST = apiRoute("sso:write", async (req, { tenant }) =>
  NextResponse.json(await addSsoDomain(tenant, await readJson(req)), { status: 201 }),
);
