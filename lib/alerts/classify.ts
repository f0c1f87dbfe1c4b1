import { eventDefinition } from "@/lib/webhooks/catalog";
import { IMPORT_FAILED, SYNC_RUN_FAILED } from "./schema";

/**
 * Why an integration's last check failed, as far as alerting cares: the provider's side (a
 * timeout, a 5xx, the network), the credentials (401/403: something the tenant can fix), or
 * anything else (a 404, a bad status path).
 */
export type FailureClass = "provider" | "credentials" | "other";

export function failureClassOf(check: { outcome: string; statusCode: number | null } | null): FailureClass {
  if (!check) return "other";
  if (check.statusCode === 401 || check.statusCode === 403) return "credentials";
  if (check.outcome === "timeout" || check.statusCode === null || check.statusCode >= 500) return "provider";
  return "other";
}

/** What a target's link is, relative to the tenant's pages. */
export type Target = { type: string; id: string; link: string | null };

/**
 * What an event means for alerting. `raise` opens the cause's incident, or updates it when the
 * phase changed (the same phase again only counts; `opens: false` only updates an open one); `resolve` closes it; `notice` is news with no
 * state (one message per event).
 */
export type Signal =
  | { kind: "raise"; rule: string; cause: string; phase: string; title: string; summary: string; target: Target | null; opens?: false }
  | { kind: "resolve"; rule: string; cause: string; title: string; summary: string }
  | { kind: "notice"; rule: string; title: string; summary: string; target: Target | null }
  | { kind: "none" };

export type Event = { type: string; payload: Record<string, unknown> };
/** Facts the router looked up for a health change: the last check's failure class and an open provider incident. */
export type HealthFacts = { failure: FailureClass; statusCode: number | null; providerDown: string | null };

const text = (value: unknown, fallback = ""): string => (typeof value === "string" && value ? value : fallback);

const integrationTarget = (id: string): Target => ({ type: "integration", id, link: `integrations/${id}` });

function healthSignal(p: Record<string, unknown>, facts: HealthFacts | undefined): Signal {
  const id = text(p.id);
  const name = text(p.name, "An integration");
  const cause = `integration:${id}:health`;
  const rule = "integration.health.changed";
  const reason = text(p.reason);
  const to = text(p.to);
  if (to === "HEALTHY" || to === "UNKNOWN")
    return { kind: "resolve", rule, cause, title: `${name} recovered`, summary: `${name} is ${to} again (${reason}).` };
  if (to !== "DOWN" && to !== "DEGRADED") return { kind: "none" };
  const target = integrationTarget(id);
  if (facts?.failure === "credentials") {
    return {
      kind: "raise",
      rule,
      cause,
      phase: "credentials",
      title: `${name} refuses its credentials`,
      summary:
        `${name} is ${to}: the provider answered ${facts.statusCode}, so the credentials were refused. ` +
        "This is not an outage: replace the API key or token under Credentials, or reconnect the OAuth grant, then run Check now.",
      target,
    };
  }
  if (facts?.failure === "provider" && facts.providerDown) {
    return {
      kind: "raise",
      rule,
      cause,
      phase: "provider",
      title: `${facts.providerDown} looks down`,
      summary: `${name} is ${to} (${reason}). ${facts.providerDown} looks down, not your credentials: integrations of several workspaces time out or get server errors from it at once. Nothing to change on your side; you hear when it recovers.`,
      target,
      ...(to === "DEGRADED" ? { opens: false as const } : {}),
    };
  }
  // DEGRADED alone is not worth waking anyone; it updates an incident already open.
  return {
    kind: "raise",
    rule,
    cause,
    phase: to,
    title: `${name} is ${to}`,
    summary: `${name} is ${to}: ${reason}.`,
    target,
    ...(to === "DEGRADED" ? { opens: false as const } : {}),
  };
}

/** Maps an outbox event to its alerting meaning; event types without special meaning are notices. */
export function classify(event: Event, facts?: HealthFacts): Signal {
  const p = event.payload;
  const id = text(p.id);
  const name = text(p.name, text(p.url, "—"));
  switch (event.type) {
    case "integration.health.changed":
      return healthSignal(p, facts);
    case "integration.token.refresh_failed":
      return {
        kind: "raise",
        rule: event.type,
        cause: `integration:${id}:oauth`,
        phase: text(p.status, "failed"),
        title: `${name} needs reconnecting`,
        summary: `The provider refused to refresh ${name}'s access token (${text(p.reason)}). Open the integration's OAuth tab and connect again.`,
        target: { type: "integration", id, link: `integrations/${id}/oauth` },
      };
    case "integration.connected":
      return {
        kind: "resolve",
        rule: "integration.token.refresh_failed",
        cause: `integration:${id}:oauth`,
        title: `${name} is connected again`,
        summary: `${name} was authorised again and holds fresh tokens.`,
      };
    case "webhook_endpoint.failing":
    case "webhook_endpoint.disabled": {
      const disabled = event.type === "webhook_endpoint.disabled";
      return {
        kind: "raise",
        rule: event.type,
        cause: `webhook_endpoint:${id}`,
        phase: disabled ? "disabled" : "failing",
        title: disabled ? `Webhook endpoint ${name} was disabled` : `Webhook endpoint ${name} is failing`,
        summary: disabled
          ? `${text(p.reason)} Fix the receiver, then enable the endpoint and resend the failed deliveries.`
          : `Every delivery to ${name} has failed since ${text(p.failing_since)}; it is disabled at ${text(p.disables_at)} unless one succeeds.`,
        target: { type: "webhook_endpoint", id, link: `webhooks/${id}` },
      };
    }
    case "api_key.expiring":
      return {
        kind: "raise",
        rule: event.type,
        cause: `api_key:${id}:expiry`,
        phase: "expiring",
        title: `API key ${name} expires soon`,
        summary: `The API key ${name} expires at ${text(p.expires_at)}. Rotate it and give the new key to whatever uses it.`,
        target: { type: "api_key", id, link: `settings/api-keys/${id}` },
      };
    case "api_key.rotated":
    case "api_key.revoked": {
      const keyId = event.type === "api_key.rotated" ? text(p.replaces) : id;
      return {
        kind: "resolve",
        rule: "api_key.expiring",
        cause: `api_key:${keyId}:expiry`,
        title: `API key ${name} no longer expires unnoticed`,
        summary: event.type === "api_key.rotated" ? `The key was rotated; the new one is ${name}.` : `The key ${name} was revoked.`,
      };
    }
    case SYNC_RUN_FAILED:
    case IMPORT_FAILED: {
      const what = event.type === SYNC_RUN_FAILED ? "A sync run" : "An import";
      const integrationId = text(p.integration_id);
      return {
        kind: "notice",
        rule: event.type,
        title: `${what} failed`,
        summary: `${what}${text(p.name) ? ` (${text(p.name)})` : ""} failed${text(p.error) ? `: ${text(p.error)}` : text(p.reason) ? `: ${text(p.reason)}` : "."}`,
        target: integrationId ? integrationTarget(integrationId) : null,
      };
    }
    default: {
      const definition = eventDefinition(event.type);
      return { kind: "notice", rule: event.type, title: event.type, summary: definition?.description ?? event.type, target: null };
    }
  }
}
