import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute(null, async (_req, { principal: { tenant, credential } }) => ({
  tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
  api_key: { id: credential.id, name: credential.name, prefix: credential.prefix },
}));
