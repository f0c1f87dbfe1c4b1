import { Badge } from "@/components/ui";

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
