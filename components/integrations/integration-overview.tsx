import Link from "next/link";
import { Badge, Card, CardBody, CardHeader, RelativeTime } from "@/components/ui";
import type { IntegrationView } from "@/lib/integrations";
import { CANONICAL_STATUSES, REQUEST_LOG_SOURCES } from "@/lib/integrations/schema";
import { statusMappingApplies } from "@/lib/integrations/status-mapping";
import { getProvider } from "@/lib/providers";
import { AUTH_LABELS, SOURCE_LABELS, STATUS_LABELS } from "./labels";
import { SuccessRate } from "./status-badges";

type LogEntry = { status_code: number | null; duration_ms: number; success: boolean; error: string | null; created_at: string };

function Counter({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardBody>
        <p className="text-sm text-muted-foreground">{label}</p>
        <p className="text-2xl font-semibold tabular-nums">{children}</p>
      </CardBody>
    </Card>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[12rem_1fr] sm:gap-3">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** Every outbound call of the integration, whatever made it; the request log holds the failures and a sample. */
function usageBreakdown(usage: IntegrationView["usage"]): string {
  const parts = REQUEST_LOG_SOURCES.map(
    (s) => `${(usage.by_source[s]?.requests ?? 0).toLocaleString("en")} ${SOURCE_LABELS[s].toLowerCase()}`,
  );
  return parts.join(", ");
}

export function UsageCounters({ usage, healthHref }: { usage: IntegrationView["usage"]; healthHref: string }) {
  return (
    <div className="grid gap-2">
      <div className="grid gap-4 sm:grid-cols-3">
        <Counter label="Outbound calls">{usage.total_requests.toLocaleString("en")}</Counter>
        <Counter label="Failed calls">{usage.failed_requests.toLocaleString("en")}</Counter>
        <Counter label="Success rate">
          <SuccessRate rate={usage.success_rate} />
        </Counter>
      </div>
      <p className="text-sm text-muted-foreground">
        Every call Patchbay made to this integration, each retry included: {usageBreakdown(usage)}. Uptime is on the{" "}
        <Link href={healthHref} className="text-link underline underline-offset-4">
          Health tab
        </Link>
        .
      </p>
    </div>
  );
}

export function LastCall({ entry, endpoint }: { entry: LogEntry | null; endpoint: string | null }) {
  if (!entry && !endpoint)
    return (
      <p className="text-sm text-muted-foreground">Nothing to call yet: set a status endpoint in the settings, then test the connection.</p>
    );
  if (!entry) return <p className="text-sm text-muted-foreground">No calls yet. Test the connection to see what it returns.</p>;
  return (
    <div className="grid gap-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={entry.success ? "success" : "danger"}>{entry.success ? "Succeeded" : "Failed"}</Badge>
        <span>{entry.status_code ? `HTTP ${entry.status_code}` : "No response"}</span>
        <span className="tabular-nums">{entry.duration_ms} ms</span>
        <RelativeTime value={entry.created_at} />
      </p>
      {entry.error && <p className="text-muted-foreground">{entry.error}</p>}
    </div>
  );
}

export function ConfigSummary({ integration }: { integration: IntegrationView }) {
  const { config } = integration;
  const testEndpoint = getProvider(integration.provider)?.testEndpoint ?? null;
  const mapping = config.status_mapping ?? {};
  const mapped = CANONICAL_STATUSES.filter((s) => (mapping[s]?.length ?? 0) > 0);
  const statuses = statusMappingApplies(integration);
  return (
    <Card>
      <CardHeader title="Configuration" />
      <CardBody>
        <dl className="grid gap-3">
          <Row term="Base URL">
            <code className="font-mono">{integration.base_url}</code>
          </Row>
          <Row term="Authentication">
            {AUTH_LABELS[integration.auth_type]}
            {integration.credentials_hint && <span className="ml-2 font-mono">{integration.credentials_hint}</span>}
            {integration.auth_type !== "none" && !integration.has_credentials && (
              <span className="ml-2 text-muted-foreground">(no credentials stored)</span>
            )}
          </Row>
          <Row term="Status endpoint">
            {config.status_endpoint ? (
              <code className="font-mono">{config.status_endpoint}</code>
            ) : testEndpoint ? (
              <>
                <code className="font-mono">{testEndpoint}</code> (the provider&apos;s test endpoint)
              </>
            ) : (
              "None: the connection cannot be tested and health is not checked until one is set"
            )}
          </Row>
          {statuses && (
            <>
              <Row term="Status JSON path">{config.status_path ? <code className="font-mono">{config.status_path}</code> : "Not set"}</Row>
              <Row term="Status mapping">
                {mapped.length === 0
                  ? "The usual spellings"
                  : `${mapped.map((s) => `${STATUS_LABELS[s]} ← ${mapping[s]!.join(", ")}`).join("; ")}${
                      mapped.length < CANONICAL_STATUSES.length ? "; the other statuses: the usual spellings" : ""
                    }`}
              </Row>
            </>
          )}
          <Row term="Updates">
            {config.update_method}, every {config.polling_interval_seconds} s; timeout {config.timeout_seconds} s; {config.retry_count}{" "}
            retries
          </Row>
        </dl>
      </CardBody>
    </Card>
  );
}
