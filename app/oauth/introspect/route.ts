import { oauthEndpoint, oauthJson } from "@/lib/oauth-server/http";
import { introspectEndpoint, issuerFor } from "@/lib/oauth-server/server";

export const POST = oauthEndpoint(async (request, req) => oauthJson(await introspectEndpoint(request, issuerFor(req))));
