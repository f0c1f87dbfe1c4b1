import { Badge, type BadgeTone } from "@/components/ui";

const HEALTH_TONE: Record<string, BadgeTone> = { HEALTHY: "success", DEGRADED: "warning", UNHEALTHY: "danger" };

export const HEALTH_OPTIONS = ["HEALTHY", "DEGRADED", "UNHEALTHY", "UNKNOWN"] as const;

export function healthLabel(health: string): string {
  return health.charAt(0) + health.slice(1).toLowerCase();
}

export function HealthBadge({ health }: { health: string }) {
  return <Badge tone={HEALTH_TONE[health] ?? "neutral"}>{healthLabel(health)}</Badge>;
}

export function StatusBadge({ status }: { status: "enabled" | "disabled" }) {
  return <Badge tone={status === "enabled" ? "info" : "neutral"}>{status === "enabled" ? "Enabled" : "Disabled"}</Badge>;
}

export function EnvironmentBadge({ environment }: { environment: "production" | "sandbox" }) {
  return <Badge tone={environment === "production" ? "warning" : "neutral"}>{environment === "production" ? "Production" : "Sandbox"}</Badge>;
}

/** "97.5 %" or a dash before the first call. */
export function SuccessRate({ rate }: { rate: number | null }) {
  return rate === null ? <span className="text-muted-foreground">No calls yet</span> : <span className="tabular-nums">{rate.toLocaleString("en")} %</span>;
}
