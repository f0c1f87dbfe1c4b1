"use server";

import { tenantAction } from "@/lib/action";
import { createChannel, deleteChannel, testChannel, updateAlertSettings, updateChannel } from "@/lib/alerts";
import type { AlertSettingsInput, CreateChannelInput, PatchChannelInput } from "@/lib/alerts/schema";

export const createChannelAction = tenantAction("admin", (ctx, input: CreateChannelInput) => createChannel(ctx, input));
export const updateChannelAction = tenantAction("admin", (ctx, input: { id: string; patch: PatchChannelInput }) =>
  updateChannel(ctx, input.id, input.patch),
);
export const deleteChannelAction = tenantAction("admin", (ctx, input: { id: string }) => deleteChannel(ctx, input.id));
export const testChannelAction = tenantAction("admin", (ctx, input: { id: string }) => testChannel(ctx, input.id));
export const updateAlertSettingsAction = tenantAction("admin", (ctx, input: AlertSettingsInput) => updateAlertSettings(ctx, input));
