import { NextResponse } from "next/server";
import { issuerFor, serverMetadata } from "@/lib/oauth-server/server";

export const GET = (req: Request) => NextResponse.json(serverMetadata(issuerFor(req)));
