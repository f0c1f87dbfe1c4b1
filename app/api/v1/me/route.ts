import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute(null, async (_req, { key }) => ({
  tenant: { id: key.tenant.id, slug: key.tenant.slug, name: key.tenant.name },
  api_key: { id: key.keyId, name: key.keyName, prefix: key.prefix },
}));
