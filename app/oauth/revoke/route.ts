import { oauthEndpoint, oauthJson } from "@/lib/oauth-server/http";
import { revokeEndpoint } from "@/lib/oauth-server/server";

export const POST = oauthEndpoint(async (request) => {
  await revokeEndpoint(request);
  return oauthJson({});
});
