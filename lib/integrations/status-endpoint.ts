import { getProvider } from "@/lib/providers";
import type { IntegrationConfig } from "./schema";

type Endpointed = { provider: string; config: IntegrationConfig };

/** The path with each `{name}` filled from the integration's path values, and the names it had none for. */
export function fillPathParams(path: string, params: Record<string, string> = {}): { path: string; missing: string[] } {
  const missing: string[] = [];
  const filled = path.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return value;
  });
  return { path: filled, missing };
}

function rawStatusEndpoint(integration: Endpointed): string | null {
  return integration.config.status_endpoint ?? getProvider(integration.provider)?.testEndpoint ?? null;
}

/**
 * The path connection tests and health checks call: the integration's own status endpoint,
 * else its provider's, with its path values filled in. Without one (or while a value such as
 * QuickBooks' company id is still unknown) the integration is not monitored: nothing is checked
 * and its health stays UNKNOWN, since failing checks would report an outage that is only missing configuration.
 */
export function statusEndpointOf(integration: Endpointed): string | null {
  const raw = rawStatusEndpoint(integration);
  if (raw === null) return null;
  const { path, missing } = fillPathParams(raw, integration.config.path_params);
  return missing.length === 0 ? path : null;
}

/** The path values the status endpoint still needs, by their labels where the provider names them. */
export function missingPathParams(integration: Endpointed): string[] {
  const raw = rawStatusEndpoint(integration);
  if (raw === null) return [];
  const labels = new Map((getProvider(integration.provider)?.pathParams ?? []).map((p) => [p.name, p.label]));
  return fillPathParams(raw, integration.config.path_params).missing.map((name) => labels.get(name) ?? name);
}
