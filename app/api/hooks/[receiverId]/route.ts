import { NextResponse } from "next/server";
import { logError } from "@/lib/log";
import { MAX_INCOMING_BYTES, receiveWebhook } from "@/lib/webhooks";

type Params = { params: Promise<{ receiverId: string }> };

export async function POST(req: Request, { params }: Params) {
  const { receiverId } = await params;
  // Refused before reading when the sender says it is too big; receiveWebhook checks the actual size.
  if (Number(req.headers.get("content-length") ?? 0) > MAX_INCOMING_BYTES) {
    return NextResponse.json({ error: "body larger than 1 MB" }, { status: 413 });
  }
  try {
    const result = await receiveWebhook(receiverId, req.headers, await req.text());
    return NextResponse.json(result.body, { status: result.status });
  } catch (error) {
    logError("webhook receiver failed", error, { route: "/api/hooks/[receiverId]" });
    return NextResponse.json({ error: "internal error" }, { status: 500 });
  }
}
