import { Badge, EmptyState, RelativeTime } from "@/components/ui";
import { STATUS_LABEL } from "@/components/health/format";
import type { HealthStatus } from "@/db/schema/health";
import { describeAction, type ActivityItem } from "@/lib/audit/activity";

export function RecentActivity({ items }: { items: ActivityItem[] }) {
  if (items.length === 0) {
    return <EmptyState title="Nothing has happened yet" description="Changes to integrations, endpoints, members and keys show up here." />;
  }
  return (
    <ul className="divide-y divide-border" data-testid="recent-activity">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
          <span className="min-w-0 break-words">
            <span className="font-medium">{item.actor}</span> <span className="text-muted-foreground">{describeAction(item.action)}</span>
            {item.target && <span className="font-medium"> {item.target}</span>}
            {item.outcome && (
              <span className="text-muted-foreground"> (now {STATUS_LABEL[item.outcome as HealthStatus] ?? item.outcome})</span>
            )}
            {item.count > 1 && (
              <Badge className="ml-2" tone="neutral">
                ×{item.count}
              </Badge>
            )}
          </span>
          <span className="text-muted-foreground">
            <RelativeTime value={item.at} />
          </span>
        </li>
      ))}
    </ul>
  );
}
