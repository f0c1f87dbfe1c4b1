import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { resendDelivery } from "@/lib/webhooks";

export const POST = apiRoute<{ id: string }>("webhooks:write", async (_req, { tenant, params }) =>
  NextResponse.json(await resendDelivery(tenant, params.id), { status: 202 }),
);
