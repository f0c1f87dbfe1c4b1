import Link from "next/link";
import { Badge, buttonClasses, cn, EmptyState, NEWEST_FIRST, Pager, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { listRequestLogs } from "@/lib/integrations";
import { REQUEST_LOG_SOURCES, type RequestLogSource } from "@/lib/integrations/schema";
import { SOURCE_LABELS } from "./labels";
import { listHref } from "@/lib/integrations/list-params";
import { pageHrefs, type PagePosition } from "@/lib/pager";

type Page = Awaited<ReturnType<typeof listRequestLogs>>;
type Filter = { success?: "true" | "false"; source?: RequestLogSource; cursor?: string };

const OUTCOMES = [
  { value: undefined, label: "All" },
  { value: "true", label: "Succeeded" },
  { value: "false", label: "Failed" },
] as const;

const SOURCES = [{ value: undefined, label: "All sources" }, ...REQUEST_LOG_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))];

function FilterLinks({ label, links }: { label: string; links: { label: string; href: string; current: boolean }[] }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {links.map((l) => (
          <li key={l.label}>
            <Link
              href={l.href}
              aria-current={l.current ? "page" : undefined}
              className={cn(buttonClasses({ variant: l.current ? "primary" : "secondary", size: "sm" }))}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function RequestLogFilter({ base, filter }: { base: string; filter: Filter }) {
  return (
    <div className="grid gap-2">
      <FilterLinks
        label="Filter by outcome"
        links={OUTCOMES.map((f) => ({
          label: f.label,
          href: listHref(base, filter, { success: f.value }),
          current: filter.success === f.value,
        }))}
      />
      <FilterLinks
        label="Filter by source"
        links={SOURCES.map((f) => ({
          label: f.label,
          href: listHref(base, filter, { source: f.value }),
          current: filter.source === f.value,
        }))}
      />
    </div>
  );
}

/** Entries as stored: already redacted when they were written. */
export function RequestLogTable({ base, filter, at, page }: { base: string; filter: Filter; at: PagePosition; page: Page }) {
  if (page.data.length === 0) {
    return (
      <EmptyState
        title={filter.success || filter.source ? "No entries match this filter" : "No requests yet"}
        description="Connection tests, failed health checks (and one success an hour) and OAuth token calls are logged here, secrets removed."
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
            <Th>Source</Th>
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
              <Td className="whitespace-nowrap">{SOURCE_LABELS[entry.source]}</Td>
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
