"use server";

import { tenantAction } from "@/lib/action";
import { createApiKey, revokeApiKey, rotateApiKey, updateApiKey } from "@/lib/api-keys";

export const createApiKeyAction = tenantAction("owner", createApiKey);
export const revokeApiKeyAction = tenantAction("owner", revokeApiKey);
export const rotateApiKeyAction = tenantAction("owner", (ctx, input: { id: string; grace_period_hours: number }) =>
  rotateApiKey(ctx, input),
);
export const updateApiKeyAction = tenantAction("owner", (ctx, input: { id: string; patch: unknown }) =>
  updateApiKey(ctx, input.id, input.patch),
);
