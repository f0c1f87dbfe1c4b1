"use server";

import { tenantAction } from "@/lib/action";
import { revokeAuthorizedApp } from "@/lib/oauth-server/authorize";
import { createOAuthClient, deleteOAuthClient, rotateOAuthClientSecret } from "@/lib/oauth-server/clients";

export const createOAuthClientAction = tenantAction("owner", createOAuthClient);
export const rotateOAuthClientSecretAction = tenantAction("owner", (ctx, input: { id: string }) => rotateOAuthClientSecret(ctx, input.id));
export const deleteOAuthClientAction = tenantAction("owner", (ctx, input: { id: string }) => deleteOAuthClient(ctx, input.id));
export const revokeAuthorizedAppAction = tenantAction("admin", revokeAuthorizedApp);
