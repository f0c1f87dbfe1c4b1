"use server";

import { tenantAction } from "@/lib/action";
import { createApiKey, revokeApiKey, rotateApiKey } from "@/lib/api-keys";

const keysPage = (slug: string) => `/t/${slug}/settings/api-keys`;

export const createApiKeyAction = tenantAction("owner", createApiKey, keysPage);
export const revokeApiKeyAction = tenantAction("owner", revokeApiKey, keysPage);
export const rotateApiKeyAction = tenantAction(
  "owner",
  (ctx, input: { id: string; grace_period_hours: number }) => rotateApiKey(ctx, input),
  keysPage,
);
