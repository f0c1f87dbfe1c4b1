import { apiRoute } from "@/lib/api/handler";
import { rotateEndpointSecret } from "@/lib/webhooks";

export const POST = apiRoute<{ id: string }>("webhooks:write", async (_req, { tenant, params }) => rotateEndpointSecret(tenant, params.id));
