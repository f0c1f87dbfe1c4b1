import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { sendTestEvent } from "@/lib/webhooks";

export const POST = apiRoute<{ id: string }>("webhooks:write", async (_req, { tenant, params }) =>
  NextResponse.json(await sendTestEvent(tenant, params.id), { status: 202 }),
);
