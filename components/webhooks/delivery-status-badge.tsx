import { Badge, type BadgeTone } from "@/components/ui";

const TONE: Record<string, BadgeTone> = { succeeded: "success", failed: "danger", pending: "warning" };

export function DeliveryStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{status}</Badge>;
}
