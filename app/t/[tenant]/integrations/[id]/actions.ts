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

// Revalidating from an action also re-renders the page it ran on, so the detail header and tabs update too.
const integrationPages = (slug: string) => `/t/${slug}/integrations`;

export const updateIntegrationAction = tenantAction(
  "admin",
  (ctx, input: { id: string; patch: PatchIntegrationInput }) => updateIntegration(ctx, input.id, input.patch),
  integrationPages,
);

export const replaceCredentialsAction = tenantAction(
  "admin",
  (ctx, input: { id: string; credentials: ReplaceCredentialsInput }) => replaceCredentials(ctx, input.id, input.credentials),
  integrationPages,
);

export const setIntegrationEnabledAction = tenantAction(
  "admin",
  (ctx, input: { id: string; enabled: boolean }) => setIntegrationEnabled(ctx, input.id, input.enabled),
  integrationPages,
);

export const deleteIntegrationAction = tenantAction(
  "admin",
  (ctx, input: { id: string }) => deleteIntegration(ctx, input.id),
  integrationPages,
);

export const testConnectionAction = tenantAction("admin", (ctx, input: { id: string }) => testConnection(ctx, input.id), integrationPages);
