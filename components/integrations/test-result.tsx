import { Alert } from "@/components/ui";
import type { CanonicalStatus } from "@/lib/integrations/schema";
import type { TestConnectionResult } from "@/lib/integrations/test-connection";
import { StatusMappingPreview, StatusMappingTester } from "./status-mapping";

const PHASES = [
  ["dnsMs", "DNS"],
  ["connectMs", "Connect"],
  ["tlsMs", "TLS"],
  ["firstByteMs", "First byte"],
  ["totalMs", "Total"],
] as const;

function Headers({ title, headers }: { title: string; headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  return (
    <div className="grid gap-1">
      <h4 className="text-sm font-semibold">{title}</h4>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">None</p>
      ) : (
        <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-xs">
          {entries.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** Where the status mapping applies, what the preview needs to edit it in place. */
export type StatusMappingContext = {
  tenantSlug: string;
  id: string;
  saved: Partial<Record<CanonicalStatus, string[]>>;
  path: string | null;
  canEdit: boolean;
};

function StatusSection({ result, mapping }: { result: TestConnectionResult; mapping: StatusMappingContext }) {
  if (!result.success) {
    // An error body (a 401's {"error": …}) holds no statuses; a preview of it would only mislead.
    return (
      <p className="text-sm text-muted-foreground">
        No status mapping preview: the test failed, so the response is an error, not the provider&apos;s statuses. Fix the connection and
        test again.
      </p>
    );
  }
  if (!result.status_values) {
    return <p className="text-sm text-muted-foreground">Set a status JSON path in the settings to preview how the statuses map.</p>;
  }
  return mapping.canEdit ? (
    <StatusMappingTester
      tenantSlug={mapping.tenantSlug}
      id={mapping.id}
      saved={mapping.saved}
      values={result.status_values}
      path={mapping.path}
      canEdit
    />
  ) : (
    <StatusMappingPreview values={result.status_values} custom={mapping.saved} path={mapping.path} />
  );
}

/** What one test call showed: outcome, timing split, redacted headers, sample and, where it applies, the status mapping preview. */
export function TestResult({ result, statusMapping }: { result: TestConnectionResult; statusMapping?: StatusMappingContext }) {
  const heading = result.success
    ? `Connected: HTTP ${result.status_code}`
    : result.status_code
      ? `Failed: HTTP ${result.status_code}`
      : "Failed: no response";
  return (
    <div className="grid gap-5" data-testid="test-result">
      <Alert tone={result.success ? "success" : "danger"} title={heading}>
        {result.error && <p>{result.error}</p>}
        {result.response_time_ms !== null && (
          <p>
            {result.response_time_ms} ms{result.attempts > 1 ? ` after ${result.attempts} attempts` : ""}.
          </p>
        )}
      </Alert>
      {result.timings && (
        <section aria-labelledby="timing-split" className="grid gap-2">
          <h3 id="timing-split" className="text-sm font-semibold">
            Timing
          </h3>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {PHASES.map(([key, label]) => (
              <div key={key} className="rounded-md border border-border p-2">
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className="font-semibold tabular-nums">{result.timings![key]} ms</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {statusMapping && <StatusSection result={result} mapping={statusMapping} />}
      {result.sample_data !== null && result.sample_data !== undefined && (
        <section aria-labelledby="sample-data" className="grid gap-2">
          <h3 id="sample-data" className="text-sm font-semibold">
            Sample (first items, secrets removed)
          </h3>
          <pre tabIndex={0} className="max-h-80 overflow-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs">
            {typeof result.sample_data === "string" ? result.sample_data : JSON.stringify(result.sample_data, null, 2)}
          </pre>
        </section>
      )}
      {result.request && (
        <section aria-labelledby="test-request" className="grid gap-3">
          <h3 id="test-request" className="text-sm font-semibold">
            Request and response
          </h3>
          <p className="font-mono text-xs break-all">
            {result.request.method} {result.request.url}
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            <Headers title="Request headers" headers={result.request.headers} />
            {result.response_headers && <Headers title="Response headers" headers={result.response_headers} />}
          </div>
        </section>
      )}
    </div>
  );
}
