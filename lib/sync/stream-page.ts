import type { RestSource } from "@/db/schema";
import type { IntegrationRow } from "@/lib/integrations/view";
import { connectorOf } from "@/lib/providers/connectors";
import type { Connector, ConnectorPage, ConnectorStream } from "./connector";
import { fetchPage, type PageState } from "./rest-source";

/** The connector stream a stream's source names, or null for a Custom REST stream. */
export function connectorStreamOf(provider: string, source: RestSource): { connector: Connector; stream: ConnectorStream } | null {
  if (!source.connector) return null;
  const connector = connectorOf(provider);
  const stream = connector?.streams.find((s) => s.key === source.connector);
  return connector && stream ? { connector, stream } : null;
}

/** One page of any stream: a connector's own fetch when the source names one of its streams, else the declared REST source. */
export async function fetchStreamPage(
  integration: IntegrationRow,
  source: RestSource,
  state: PageState,
  options: { since: string | null; runId: string | null; token?: string | null },
): Promise<ConnectorPage> {
  if (source.connector) {
    const found = connectorStreamOf(integration.provider, source);
    if (!found) throw new Error(`The ${integration.provider} connector has no stream ${source.connector}.`);
    return found.connector.fetchPage({ integration, stream: found.stream, state, ...options });
  }
  return fetchPage(integration, source, state, { since: options.since, runId: options.runId });
}
