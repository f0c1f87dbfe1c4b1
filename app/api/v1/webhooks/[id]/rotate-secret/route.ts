import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { rotateEndpointSecret, type RotateEndpointSecretInput } from "@/lib/webhooks";

export const POST = apiRoute<{ id: string }>("webhooks:write", async (req, { tenant, params }) =>
  rotateEndpointSecret(tenant, params.id, (await readJson(req)) as RotateEndpointSecretInput),
);
