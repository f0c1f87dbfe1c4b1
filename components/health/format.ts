import type { BadgeTone } from "@/components/ui";
import type { HealthStatus } from "@/db/schema/health";

export const STATUS_LABEL: Record<HealthStatus, string> = { HEALTHY: "Healthy", DEGRADED: "Degraded", DOWN: "Down", UNKNOWN: "Unknown" };
export const STATUS_TONE: Record<HealthStatus, BadgeTone> = { HEALTHY: "success", DEGRADED: "warning", DOWN: "danger", UNKNOWN: "neutral" };

export function formatUptime(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(value === 100 ? 0 : 2)}%`;
}

export function formatMs(value: number | null): string {
  if (value === null) return "—";
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value} ms`;
}
