import { NextResponse } from "next/server";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { getIntegration } from "@/lib/integrations";

/**
 * Mounted only in the bench build (`PATCHBAY_BENCH_BUILD=1`, see next.config.ts), never in the
 * one Patchbay ships: GET /api/v1/integrations/{id}'s handler body without the API-key guard
 * and rate limit, so `npm run bench:api -- --http` measures the guard against the same route
 * answering the same JSON through the same Next server. The tenant comes in a header, so the
 * baseline does no lookup the real route would not do either.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const tenant = { id: req.headers.get("x-bench-tenant") ?? "", slug: "bench", name: "bench" };
  return NextResponse.json(await getIntegration({ tenant, role: "owner", actor: SYSTEM_ACTOR }, (await params).id));
}
