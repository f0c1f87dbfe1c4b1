import { Alert, Badge } from "@/components/ui";
import { CANONICAL_STATUSES } from "@/lib/integrations/schema";
import type { TestConnectionResult } from "@/lib/integrations/test-connection";
import { STATUS_LABELS } from "./labels";

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

function MappingPreview({ mapped }: { mapped: NonNullable<TestConnectionResult["mapped_statuses"]> }) {
  return (
    <section aria-labelledby="mapping-preview" className="grid gap-2">
      <h3 id="mapping-preview" className="text-sm font-semibold">
        Status mapping preview
      </h3>
      <ul className="flex flex-wrap gap-2">
        {CANONICAL_STATUSES.map((status) => (
          <li key={status}>
            <Badge tone={mapped.counts[status] ? "info" : "neutral"}>
              {STATUS_LABELS[status]}: <span className="tabular-nums">{mapped.counts[status] ?? 0}</span>
            </Badge>
          </li>
        ))}
      </ul>
      {mapped.unmapped.length > 0 ? (
        <Alert tone="warning" title="Values no rule maps">
          <p>Add them to the status mapping in the settings:</p>
          <ul className="mt-1 flex flex-wrap gap-2 font-mono">
            {mapped.unmapped.map((value) => (
              <li key={value}>{value}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">Every value found maps to a status.</p>
      )}
    </section>
  );
}

/** What one test call showed: outcome, timing split, redacted headers, sample and mapping preview. */
export function TestResult({ result }: { result: TestConnectionResult }) {
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
      {result.mapped_statuses ? (
        <MappingPreview mapped={result.mapped_statuses} />
      ) : (
        result.success && (
          <p className="text-sm text-muted-foreground">Set a status JSON path in the settings to preview how the statuses map.</p>
        )
      )}
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
