"use server";

import { headers } from "next/headers";
import { tenantAction } from "@/lib/action";
import type { CreateReceiverInput } from "@/lib/webhooks";
import { requestOrigin } from "@/lib/http/request-origin";
import { createReceiver, deleteReceiver, rotateReceiverUrl } from "@/lib/webhooks";

export const createReceiverAction = tenantAction("admin", async (ctx, input: { integrationId: string; receiver: CreateReceiverInput }) =>
  createReceiver(ctx, input.integrationId, input.receiver, requestOrigin(await headers())),
);
export const rotateReceiverUrlAction = tenantAction("admin", async (ctx, input: { id: string }) =>
  rotateReceiverUrl(ctx, input.id, requestOrigin(await headers())),
);
export const deleteReceiverAction = tenantAction("admin", (ctx, input: { id: string }) => deleteReceiver(ctx, input.id));
