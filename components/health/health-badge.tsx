import { Badge } from "@/components/ui";
import type { HealthStatus } from "@/db/schema/health";
import { STATUS_LABEL, STATUS_TONE } from "./format";

const DOT: Record<HealthStatus, string> = { HEALTHY: "●", DEGRADED: "▲", DOWN: "■", UNKNOWN: "○" };

/** Status in words with a shape, so it does not rely on colour alone. */
export function HealthBadge({ status, enabled = true }: { status: HealthStatus; enabled?: boolean }) {
  return (
    <Badge tone={enabled ? STATUS_TONE[status] : "neutral"} data-testid="health-status">
      <span aria-hidden="true">{DOT[status]}</span>
      {STATUS_LABEL[status]}
      {!enabled && <span className="font-normal">(paused)</span>}
    </Badge>
  );
}
