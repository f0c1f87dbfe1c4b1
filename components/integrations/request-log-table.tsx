import Link from "next/link";
import { Badge, buttonClasses, cn, EmptyState, NEWEST_FIRST, Pager, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { listRequestLogs } from "@/lib/integrations";
import { listHref } from "@/lib/integrations/list-params";
import { pageHrefs, type PagePosition } from "@/lib/pager";

type Page = Awaited<ReturnType<typeof listRequestLogs>>;
type Filter = { success?: "true" | "false"; cursor?: string };

const FILTERS = [
  { value: undefined, label: "All" },
  { value: "true", label: "Succeeded" },
  { value: "false", label: "Failed" },
] as const;

export function RequestLogFilter({ base, filter }: { base: string; filter: Filter }) {
  return (
    <nav aria-label="Filter by outcome">
      <ul className="flex gap-2">
        {FILTERS.map((f) => (
          <li key={f.label}>
            <Link
              href={listHref(base, {}, { success: f.value })}
              aria-current={filter.success === f.value ? "page" : undefined}
              className={cn(buttonClasses({ variant: filter.success === f.value ? "primary" : "secondary", size: "sm" }))}
            >
              {f.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Entries as stored: already redacted when they were written. */
export function RequestLogTable({ base, filter, at, page }: { base: string; filter: Filter; at: PagePosition; page: Page }) {
  if (page.data.length === 0) {
    return (
      <EmptyState
        title={filter.success ? "No entries match this filter" : "No requests yet"}
        description="Connection tests are logged here, secrets removed. Scheduled health checks are on the Health tab."
      />
    );
  }
  return (
    <div className="grid gap-3">
      <Table>
        <caption className="sr-only">Request log</caption>
        <THead>
          <Tr>
            <Th>When</Th>
            <Th>Outcome</Th>
            <Th>Request</Th>
            <Th>Duration</Th>
            <Th>Details</Th>
          </Tr>
        </THead>
        <TBody>
          {page.data.map((entry) => (
            <Tr key={entry.id} className="align-top">
              <Td className="whitespace-nowrap">
                <RelativeTime value={entry.created_at} />
              </Td>
              <Td>
                <Badge tone={entry.success ? "success" : "danger"}>{entry.status_code ?? "No response"}</Badge>
              </Td>
              <Td className="max-w-md">
                <code className="font-mono text-xs break-all">
                  {entry.method} {entry.url}
                </code>
              </Td>
              <Td className="tabular-nums">{entry.duration_ms} ms</Td>
              <Td className="max-w-md">
                {entry.error && <p className="text-sm">{entry.error}</p>}
                <details className="text-xs">
                  <summary className="cursor-pointer text-link">Headers and response</summary>
                  <pre className="mt-1 overflow-x-auto font-mono whitespace-pre-wrap break-all">
                    {Object.entries(entry.request_headers)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join("\n")}
                  </pre>
                  {entry.response_excerpt && (
                    <pre className="mt-1 max-h-48 overflow-auto font-mono whitespace-pre-wrap break-all">{entry.response_excerpt}</pre>
                  )}
                </details>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Pager hrefs={pageHrefs(at, page.next_cursor, (to) => listHref(base, filter, to))} labels={NEWEST_FIRST} />
    </div>
  );
}
