import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations";

/** The tenant's integration for the detail layout and its tabs, read once per request; null for any other id. */
export const findIntegrationPage = cache(async (tenantSlug: string, id: string) => {
  const ctx = await requireTenantContext(tenantSlug);
  try {
    return { ctx, integration: await getIntegration(ctx, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { ctx, integration: null };
    throw error;
  }
});

export async function loadIntegrationPage(tenantSlug: string, id: string) {
  const { ctx, integration } = await findIntegrationPage(tenantSlug, id);
  if (!integration) notFound();
  return { ctx, integration };
}
