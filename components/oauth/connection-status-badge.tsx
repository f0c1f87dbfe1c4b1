import { Badge, type BadgeTone } from "@/components/ui";
import type { ConnectionView } from "@/lib/oauth";

const LABEL: Record<ConnectionView["status"], { text: string; tone: BadgeTone }> = {
  connected: { text: "Connected", tone: "success" },
  disconnected: { text: "Not connected", tone: "neutral" },
  expired: { text: "Expired", tone: "danger" },
};

export function ConnectionStatusBadge({ status }: { status: ConnectionView["status"] }) {
  const { text, tone } = LABEL[status];
  return <Badge tone={tone}>{text}</Badge>;
}
