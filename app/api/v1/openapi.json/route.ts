import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { publicRoute } from "@/lib/api/public-route";

// Built once per process; it only changes with the code.
let document: ReturnType<typeof buildOpenApiDocument> | null = null;

export const GET = publicRoute(() => NextResponse.json((document ??= buildOpenApiDocument())));
