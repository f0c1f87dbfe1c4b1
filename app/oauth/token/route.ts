import { oauthEndpoint, oauthJson } from "@/lib/oauth-server/http";
import { tokenEndpoint } from "@/lib/oauth-server/server";

export const POST = oauthEndpoint(async (request) => oauthJson(await tokenEndpoint(request)));
