import { Badge } from "@/components/ui";
import type { ConnectionStatus } from "@/lib/integrations/schema";
import { CONNECTION_LABELS, CONNECTION_TONES } from "./labels";

const CONNECTION_SHAPE: Record<ConnectionStatus, string> = { pending: "○", connected: "●", disconnected: "◌", error: "■", expired: "▲" };

/** Whether the credentials work, in words with a shape, so it does not rely on colour alone. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <Badge tone={CONNECTION_TONES[status]} data-testid="connection-status">
      <span aria-hidden="true">{CONNECTION_SHAPE[status]}</span>
      {CONNECTION_LABELS[status]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: "enabled" | "disabled" }) {
  return <Badge tone={status === "enabled" ? "info" : "neutral"}>{status === "enabled" ? "Enabled" : "Disabled"}</Badge>;
}

export function EnvironmentBadge({ environment }: { environment: "production" | "sandbox" }) {
  return (
    <Badge tone={environment === "production" ? "warning" : "neutral"}>{environment === "production" ? "Production" : "Sandbox"}</Badge>
  );
}

/** "97.5 %" or a dash before the first call. */
export function SuccessRate({ rate }: { rate: number | null }) {
  return rate === null ? (
    <span className="text-muted-foreground">No calls yet</span>
  ) : (
    <span className="tabular-nums">{rate.toLocaleString("en")} %</span>
  );
}
