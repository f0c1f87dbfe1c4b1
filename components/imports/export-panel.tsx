"use client";

import { useState } from "react";
import { createExportAction, listExportsAction } from "@/app/t/[tenant]/exports/actions";
import { useLive } from "@/components/health/use-live";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  Input,
  Label,
  RelativeTime,
  Select,
  Table,
  TBody,
  Td,
  Th,
  THead,
  Tr,
} from "@/components/ui";
import type { ExportView } from "@/lib/exports/service";

const TARGETS = [
  { key: "integrations", label: "Integrations", filters: ["environment", "provider", "q"] },
  { key: "health_history", label: "Health history", filters: ["integration_id", "outcome"] },
  { key: "webhook_deliveries", label: "Webhook deliveries", filters: ["endpoint_id", "status", "event_type"] },
  { key: "audit_log", label: "Audit log", filters: ["action", "since", "until"] },
  { key: "records", label: "Records of an entity", filters: ["entity", "modified_after", "actions", "source_type", "q"] },
  { key: "sync_runs", label: "Sync runs", filters: ["integration_id", "entity", "trigger", "status", "since", "until"] },
] as const;

/** New export (target, format, the list page's filters) and the history with live progress and downloads. */
export function ExportPanel({ tenantSlug, initial }: { tenantSlug: string; initial: ExportView[] }) {
  const { data, refetch } = useLive(["exports", tenantSlug], () => listExportsAction(tenantSlug, null), initial);
  const [target, setTarget] = useState<(typeof TARGETS)[number]["key"]>("integrations");
  const [format, setFormat] = useState("csv");
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const spec = TARGETS.find((t) => t.key === target)!;

  async function start() {
    setError(null);
    const chosen = Object.fromEntries(Object.entries(filters).filter(([k, v]) => v && (spec.filters as readonly string[]).includes(k)));
    const result = await createExportAction(tenantSlug, { target, format: format as "csv", filters: chosen });
    if (!result.ok) return setError(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`)[0] ?? result.error);
    await refetch();
  }

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="New export"
          description="Built in the background; the file carries its metadata (who, when, filters, schema, row count, SHA-256)."
        />
        <CardBody className="grid gap-4">
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="grid gap-1">
              <Label htmlFor="export-target">What</Label>
              <Select id="export-target" value={target} onChange={(e) => setTarget(e.target.value as typeof target)}>
                {TARGETS.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1">
              <Label htmlFor="export-format">Format</Label>
              <Select id="export-format" value={format} onChange={(e) => setFormat(e.target.value)}>
                {["csv", "xlsx", "json", "xml"].map((f) => (
                  <option key={f} value={f}>
                    {f.toUpperCase()}
                  </option>
                ))}
              </Select>
            </div>
            {spec.filters.map((name) => (
              <div key={name} className="grid gap-1">
                <Label htmlFor={`filter-${name}`}>{name.replace(/_/g, " ")}</Label>
                <Input
                  id={`filter-${name}`}
                  value={filters[name] ?? ""}
                  onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
                />
              </div>
            ))}
          </div>
          {error && <Alert tone="danger">{error}</Alert>}
          <div>
            <Button type="button" onClick={start}>
              Export
            </Button>
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="History" description="Files are kept for the retention period, then deleted." />
        <CardBody>
          {data.length === 0 ? (
            <EmptyState title="No exports yet" description="Choose what to export above." />
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <Tr>
                    <Th>What</Th>
                    <Th>Format</Th>
                    <Th>Status</Th>
                    <Th>Rows</Th>
                    <Th>Created</Th>
                    <Th>Download</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.map((e) => (
                    <Tr key={e.id}>
                      <Td>{e.target}</Td>
                      <Td>{e.format.toUpperCase()}</Td>
                      <Td>
                        <Badge tone={e.status === "completed" ? "success" : e.status === "failed" ? "danger" : "info"}>{e.status}</Badge>
                      </Td>
                      <Td>{e.row_count ?? e.progress.processed}</Td>
                      <Td>
                        <RelativeTime value={e.created_at} />
                      </Td>
                      <Td>
                        {e.status === "completed" ? (
                          <span className="whitespace-nowrap">
                            <a className="underline" href={`/t/${tenantSlug}/exports/${e.id}/download`}>
                              {e.file_name}
                            </a>{" "}
                            ·{" "}
                            <a className="underline" href={`/t/${tenantSlug}/exports/${e.id}/download?file=metadata`}>
                              metadata
                            </a>
                          </span>
                        ) : (
                          (e.error ?? "—")
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
