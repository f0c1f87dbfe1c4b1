import { RelativeTime } from "@/components/ui";
import type { TransitionView } from "@/lib/health";
import { HealthBadge } from "./health-badge";

export function TransitionsList({ transitions, names }: { transitions: (TransitionView & { name?: string })[]; names?: boolean }) {
  if (transitions.length === 0) return <p className="text-sm text-muted-foreground">No status changes yet.</p>;
  return (
    <ul className="divide-y divide-border">
      {transitions.map((t) => (
        <li key={t.id} className="grid gap-1 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            {names && t.name && <span className="font-medium">{t.name}</span>}
            <HealthBadge status={t.from} />
            <span aria-label="to">→</span>
            <HealthBadge status={t.to} />
            <span className="ml-auto text-muted-foreground">
              <RelativeTime value={t.at} />
            </span>
          </div>
          <p className="text-muted-foreground">{t.reason}</p>
        </li>
      ))}
    </ul>
  );
}
