"use server";

import { tenantAction } from "@/lib/action";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";

const keysPage = (slug: string) => `/t/${slug}/settings/api-keys`;

export const createApiKeyAction = tenantAction("owner", createApiKey, keysPage);
export const revokeApiKeyAction = tenantAction("owner", revokeApiKey, keysPage);
