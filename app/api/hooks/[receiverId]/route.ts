import { NextResponse } from "next/server";
import { toErrorResponse } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-json";
import { MAX_INCOMING_BYTES, receiveWebhook } from "@/lib/webhooks";

type Params = { params: Promise<{ receiverId: string }> };

export async function POST(req: Request, { params }: Params) {
  const { receiverId } = await params;
  try {
    const result = await receiveWebhook(receiverId, req.headers, await readBodyText(req, MAX_INCOMING_BYTES));
    return NextResponse.json(result.body, { status: result.status });
  } catch (error) {
    return toErrorResponse(error, "/api/hooks/[receiverId]");
  }
}
