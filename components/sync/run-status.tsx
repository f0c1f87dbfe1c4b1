import { Badge, type BadgeTone } from "@/components/ui";
import type { RunView } from "@/lib/sync/view";

const TONES: Record<string, BadgeTone> = {
  queued: "neutral",
  running: "info",
  completed: "success",
  partial: "warning",
  failed: "danger",
  cancelled: "neutral",
};

export function RunStatusBadge({ run }: { run: Pick<RunView, "status" | "rate_limited_until"> }) {
  if (run.rate_limited_until) return <Badge tone="warning">Rate limited</Badge>;
  return <Badge tone={TONES[run.status] ?? "neutral"}>{run.status[0]!.toUpperCase() + run.status.slice(1)}</Badge>;
}

/** While a run runs, how far it got: pages and records so far (the provider does not say how many there are in all). */
export function RunProgress({ run }: { run: RunView }) {
  const active = run.status === "running" || run.status === "queued";
  const c = run.counts;
  return (
    <div className="grid gap-1">
      {active && (
        <div
          role="progressbar"
          aria-label={`Run progress: ${c.processed} records`}
          aria-valuetext={`${run.pages} pages, ${c.processed} records`}
          className="h-1.5 w-full overflow-hidden rounded bg-muted"
        >
          <div className="h-full w-1/3 animate-pulse rounded bg-primary" />
        </div>
      )}
      <p className="text-xs text-muted-foreground">
        {run.pages} pages · {c.processed.toLocaleString("en")} records · {c.created} created · {c.updated} updated · {c.unchanged} unchanged
        · {c.deleted} deleted · {c.failed} rejected
      </p>
    </div>
  );
}
