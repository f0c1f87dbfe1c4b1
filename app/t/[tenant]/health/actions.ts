"use server";

import { tenantAction, tenantQuery } from "@/lib/action";
import {
  checkIntegrationNow,
  getIntegrationHealth,
  listIntegrationHealth,
  tenantHealthOverview,
  updateHealthThresholds,
  type TenantHealthOverview,
} from "@/lib/health";
import type { HealthThresholdsInput, ListHealthInput } from "@/lib/health/schema";

// Read actions back the pages' polling (react-query); the pages render the same data first on the server.
export const listHealthAction = tenantQuery("viewer", (ctx, input: ListHealthInput) => listIntegrationHealth(ctx, input));
export const integrationHealthAction = tenantQuery("viewer", (ctx, id: string) => getIntegrationHealth(ctx, id));
export const tenantHealthAction = tenantQuery<null, TenantHealthOverview>("viewer", (ctx) => tenantHealthOverview(ctx));
export const checkNowAction = tenantAction("admin", (ctx, id: string) => checkIntegrationNow(ctx, id));
export const updateThresholdsAction = tenantAction("admin", (ctx, input: { id: string; thresholds: HealthThresholdsInput }) =>
  updateHealthThresholds(ctx, input.id, input.thresholds),
);
