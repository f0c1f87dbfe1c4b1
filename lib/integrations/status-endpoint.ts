import { getProvider } from "@/lib/providers";
import type { IntegrationConfig } from "./schema";

/**
 * The path connection tests and health checks call: the integration's own status endpoint,
 * else its provider's. Without one the integration is not monitored: nothing is checked and its
 * health stays UNKNOWN, since failing checks would report an outage that is only missing configuration.
 */
export function statusEndpointOf(integration: { provider: string; config: IntegrationConfig }): string | null {
  return integration.config.status_endpoint ?? getProvider(integration.provider)?.testEndpoint ?? null;
}
