import type { Connector } from "@/lib/sync/connector";
import { googleCalendarConnector } from "./google_calendar/connector";
import { quickbooksConnector } from "./quickbooks/connector";
import { stripeConnector } from "./stripe/connector";

// Server code (connectors call the provider): kept apart from adapters.ts, which the browser reads.
const CONNECTORS: Connector[] = [stripeConnector, quickbooksConnector, googleCalendarConnector];

const BY_PROVIDER = new Map(CONNECTORS.map((c) => [c.provider, c]));

/** The connector a provider brings (its streams, paging and errors), or null when it has none. */
export function connectorOf(provider: string): Connector | null {
  return BY_PROVIDER.get(provider) ?? null;
}
