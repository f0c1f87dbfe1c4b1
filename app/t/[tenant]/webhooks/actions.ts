"use server";

import { tenantAction } from "@/lib/action";
import {
  createEndpoint,
  deleteEndpoint,
  replayFailedSince,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
  type PatchEndpointInput,
} from "@/lib/webhooks";

export const createEndpointAction = tenantAction("admin", createEndpoint);
export const updateEndpointAction = tenantAction("admin", (ctx, input: { id: string; patch: PatchEndpointInput }) =>
  updateEndpoint(ctx, input.id, input.patch),
);
export const deleteEndpointAction = tenantAction("admin", (ctx, input: { id: string }) => deleteEndpoint(ctx, input.id));
export const rotateEndpointSecretAction = tenantAction("admin", (ctx, input: { id: string; grace_period_hours: number }) =>
  rotateEndpointSecret(ctx, input.id, { grace_period_hours: input.grace_period_hours }),
);
export const sendTestEventAction = tenantAction("admin", (ctx, input: { id: string }) => sendTestEvent(ctx, input.id));
export const resendDeliveryAction = tenantAction("admin", (ctx, input: { id: string }) => resendDelivery(ctx, input.id));
export const replayFailedAction = tenantAction("admin", (ctx, input: { id: string; since: string }) =>
  replayFailedSince(ctx, input.id, { since: input.since }),
);
