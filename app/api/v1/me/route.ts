import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute(null, async (_req, { principal: { tenant, credential } }) => ({
  tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
  ...(credential.type === "api_key"
    ? { api_key: { id: credential.id, name: credential.name, prefix: credential.prefix } }
    : {
        oauth_client: {
          id: credential.client.id,
          client_id: credential.client.clientId,
          name: credential.client.name,
          consented_by: credential.consentedBy,
        },
      }),
}));
