import { integrations } from "@/db/schema";
import { CATEGORIES, getProvider } from "@/lib/providers";
import { CONFIG_DEFAULTS } from "./schema";
import { NO_USAGE, type IntegrationUsage } from "./usage";

export type IntegrationRow = typeof integrations.$inferSelect;

/** DESIGN §3's read shape: settings and state, `has_credentials` and a masked hint, never a secret. */
export function integrationView(row: IntegrationRow, usage: IntegrationUsage = NO_USAGE) {
  const provider = getProvider(row.provider);
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    provider_name: provider?.name ?? row.provider,
    category: provider ? provider.category : null,
    category_label: provider ? CATEGORIES[provider.category] : null,
    environment: row.environment,
    auth_type: row.authType,
    base_url: row.baseUrl,
    config: { ...CONFIG_DEFAULTS, ...row.config },
    status: row.status,
    health_status: row.healthStatus,
    connection_status: row.connectionStatus,
    has_credentials: row.credentials !== null,
    credentials_hint: row.credentialsHint,
    usage,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type IntegrationView = ReturnType<typeof integrationView>;
