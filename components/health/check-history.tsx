import { Badge, EmptyState, NEWEST_FIRST, Pager, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { HealthCheckView } from "@/lib/health";
import type { PageHrefs } from "@/lib/pager";
import { formatMs } from "./format";

const OUTCOME_TONE = { success: "success", failure: "danger", timeout: "warning" } as const;
const SOURCE_LABEL = { schedule: "Scheduled", manual: "Check now", test: "Connection test" } as const;

/** One page of checks, newest first. */
export function CheckHistory({ checks, hrefs }: { checks: HealthCheckView[]; hrefs: PageHrefs }) {
  if (checks.length === 0)
    return <EmptyState title="No checks recorded yet" description="The first check runs within one polling interval, or use Check now." />;
  return (
    <div className="grid gap-3">
      <Table>
        <THead>
          <Tr>
            <Th>When</Th>
            <Th>Outcome</Th>
            <Th>HTTP status</Th>
            <Th>Response time</Th>
            <Th>Kind</Th>
            <Th>Error</Th>
          </Tr>
        </THead>
        <TBody>
          {checks.map((c) => (
            <Tr key={c.id}>
              <Td>
                <RelativeTime value={c.checked_at} />
              </Td>
              <Td>
                <Badge tone={OUTCOME_TONE[c.outcome]}>{c.outcome}</Badge>
              </Td>
              <Td className="tabular-nums">{c.status_code ?? "—"}</Td>
              <Td className="tabular-nums">{formatMs(c.response_time_ms)}</Td>
              <Td>{SOURCE_LABEL[c.source]}</Td>
              <Td className="max-w-sm text-sm">{c.error ?? <span className="text-muted-foreground">None</span>}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Pager hrefs={hrefs} label="Check history pages" labels={NEWEST_FIRST} />
    </div>
  );
}
