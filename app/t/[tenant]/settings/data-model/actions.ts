"use server";

import { tenantAction } from "@/lib/action";
import { createEntity, deleteEntity } from "@/lib/sync/entities";

export const createEntityAction = tenantAction("admin", (ctx, input: unknown) => createEntity(ctx, input));

export const deleteEntityAction = tenantAction("admin", (ctx, input: { key: string }) => deleteEntity(ctx, input.key));
