import type { BadgeTone } from "@/components/ui";
import type { CanonicalStatus, ConnectionStatus, RequestLogSource } from "@/lib/integrations/schema";
import type { AuthType } from "@/lib/providers";

// Plain data, not in a client module: a server component importing from one gets a reference, not the object.
export const AUTH_LABELS: Record<AuthType, string> = {
  none: "No authentication",
  api_key: "API key",
  bearer: "Bearer token",
  basic: "Basic (username and password)",
  oauth2: "OAuth2 client",
};

export const STATUS_LABELS: Record<CanonicalStatus, string> = {
  available: "Available",
  reserved: "Reserved",
  hold: "Hold",
  sold: "Sold",
  unreleased: "Unreleased",
  unavailable: "Unavailable",
  coming_soon: "Coming soon",
};

export const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  pending: "Not yet connected",
  connected: "Connected",
  disconnected: "Disconnected",
  error: "Connection error",
  expired: "Needs reconnecting",
};

export const CONNECTION_TONES: Record<ConnectionStatus, BadgeTone> = {
  pending: "neutral",
  connected: "success",
  disconnected: "neutral",
  error: "danger",
  expired: "warning",
};

export const SOURCE_LABELS: Record<RequestLogSource, string> = {
  test: "Tests",
  health: "Health checks",
  oauth: "Token calls",
  sync: "Sync",
};
