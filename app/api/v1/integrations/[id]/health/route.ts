import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { getIntegrationHealth, updateHealthThresholds } from "@/lib/health";

export const GET = apiRoute<{ id: string }>("integrations:read", async (_req, { tenant, params }) =>
  getIntegrationHealth(tenant, params.id),
);

export const PATCH = apiRoute<{ id: string }>("integrations:write", async (req, { tenant, params }) => ({
  thresholds: await updateHealthThresholds(tenant, params.id, await readJson(req)),
}));
