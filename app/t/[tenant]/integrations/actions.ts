"use server";

import { tenantAction } from "@/lib/action";
import { createIntegration } from "@/lib/integrations";

export const createIntegrationAction = tenantAction("admin", createIntegration);
