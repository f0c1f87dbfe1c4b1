"use server";

import { tenantAction } from "@/lib/action";
import {
  deleteIntegration,
  replaceCredentials,
  setIntegrationEnabled,
  testConnection,
  updateIntegration,
  type PatchIntegrationInput,
  type ReplaceCredentialsInput,
} from "@/lib/integrations";

export const updateIntegrationAction = tenantAction("admin", (ctx, input: { id: string; patch: PatchIntegrationInput }) =>
  updateIntegration(ctx, input.id, input.patch),
);

export const replaceCredentialsAction = tenantAction("admin", (ctx, input: { id: string; credentials: ReplaceCredentialsInput }) =>
  replaceCredentials(ctx, input.id, input.credentials),
);

export const setIntegrationEnabledAction = tenantAction("admin", (ctx, input: { id: string; enabled: boolean }) =>
  setIntegrationEnabled(ctx, input.id, input.enabled),
);

export const deleteIntegrationAction = tenantAction("admin", (ctx, input: { id: string }) => deleteIntegration(ctx, input.id));

export const testConnectionAction = tenantAction("admin", (ctx, input: { id: string }) => testConnection(ctx, input.id));
