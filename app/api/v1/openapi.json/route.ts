import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";

export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(buildOpenApiDocument());
}
