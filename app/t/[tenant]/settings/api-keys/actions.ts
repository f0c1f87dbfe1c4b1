"use server";

import { tenantAction } from "@/lib/action";
import { createApiKey, revokeApiKey, rotateApiKey } from "@/lib/api-keys";

export const createApiKeyAction = tenantAction("owner", createApiKey);
export const revokeApiKeyAction = tenantAction("owner", revokeApiKey);
export const rotateApiKeyAction = tenantAction("owner", (ctx, input: { id: string; grace_period_hours: number }) =>
  rotateApiKey(ctx, input),
);
