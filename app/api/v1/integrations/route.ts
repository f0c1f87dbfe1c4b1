import { NextResponse } from "next/server";
import { apiRoute, queryOf, readJson } from "@/lib/api/handler";
import { createIntegration, listIntegrations, type CreateIntegrationInput } from "@/lib/integrations";

export const GET = apiRoute(async (req, { tenant }) => listIntegrations(tenant, queryOf(req)));

export const POST = apiRoute(async (req, { tenant }) =>
  NextResponse.json(await createIntegration(tenant, (await readJson(req)) as CreateIntegrationInput), { status: 201 }),
);
