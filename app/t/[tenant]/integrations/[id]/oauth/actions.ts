"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { tenantAction } from "@/lib/action";
import { requestOrigin } from "@/lib/http/request-origin";
import { disconnect, integrationOAuthPath, refreshToken, startConnect, type ConnectInput } from "@/lib/oauth";

type Target = { id: string };

/** Creates the state bound to this admin's session, then sends the browser to the provider. */
export const connectAction = tenantAction("admin", async (ctx, input: Target & { scopes?: ConnectInput["scopes"] }) => {
  const result = await startConnect(ctx, input.id, { scopes: input.scopes }, requestOrigin(await headers()));
  if (result.kind === "authorize") redirect(result.authorization_url);
  redirect(`${integrationOAuthPath(ctx.tenant.slug, input.id)}?oauth=connected`);
});

export const refreshTokenAction = tenantAction("admin", (ctx, input: Target) => refreshToken(ctx, input.id, { force: true }));

export const disconnectAction = tenantAction("admin", (ctx, input: Target) => disconnect(ctx, input.id));
