"use client";

import { useState } from "react";
import { dryRunAction, executeImportAction, importStatusAction } from "@/app/t/[tenant]/imports/actions";
import { useLive } from "@/components/health/use-live";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Label, Select, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { DryRunResult } from "@/lib/imports/dry-run";
import type { ImportView } from "@/lib/imports/status";
import type { UploadResult } from "@/lib/imports/upload";

export type TargetOption = { key: string; label: string; fields: { key: string; label?: string; required?: boolean; secret?: boolean }[] };

const FORMATS = ["csv", "xlsx", "json", "xml"] as const;

function ImportProgress({ tenantSlug, id, initial }: { tenantSlug: string; id: string; initial: ImportView }) {
  const { data } = useLive(["import", tenantSlug, id], () => importStatusAction(tenantSlug, id), initial);
  const p = data.progress;
  return (
    <div className="grid gap-2" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={data.status === "completed" ? "success" : data.status === "failed" ? "danger" : "info"}>{data.status}</Badge>
        <span>
          {p.processed} of {p.total} rows
        </span>
        {p.rows_per_second !== null && <span className="text-muted-foreground">{p.rows_per_second} rows/s</span>}
        {p.seconds_left !== null && <span className="text-muted-foreground">about {p.seconds_left} s left</span>}
      </div>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuenow={p.percent}
        aria-valuemin={0}
        aria-valuemax={100}
        className="h-2 w-full rounded bg-surface-muted"
      >
        <div className="h-2 rounded bg-primary transition-all" style={{ width: `${p.percent}%` }} />
      </div>
      {data.status === "completed" && (
        <p className="text-sm">
          Imported: {data.counts.created} created, {data.counts.updated} updated, {data.counts.unchanged} unchanged, {data.counts.conflict}{" "}
          in conflict, {data.counts.failed} failed.
        </p>
      )}
      {data.error && <Alert tone="danger">{data.error}</Alert>}
      {data.errors_total > 0 && (
        <p className="text-sm">
          Error report:{" "}
          <a className="underline" href={`/t/${tenantSlug}/imports/${id}/errors?format=csv`}>
            CSV
          </a>{" "}
          ·{" "}
          <a className="underline" href={`/t/${tenantSlug}/imports/${id}/errors?format=xlsx`}>
            XLSX
          </a>
        </p>
      )}
    </div>
  );
}

/** Upload → mapping → dry run → execute, one step after the other on one page. */
export function ImportWizard({ tenantSlug, targets }: { tenantSlug: string; targets: TargetOption[] }) {
  const [target, setTarget] = useState(targets[0]!.key);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadResult | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [started, setStarted] = useState<ImportView | null>(null);
  const fields = targets.find((t) => t.key === target)!.fields;

  async function send(file: File) {
    setBusy(true);
    setError(null);
    setUpload(null);
    setDryRun(null);
    setStarted(null);
    const form = new FormData();
    form.set("target", target);
    form.set("file", file);
    const res = await fetch(`/t/${tenantSlug}/imports/upload`, { method: "POST", body: form });
    const body = await res.json();
    setBusy(false);
    if (!res.ok) return setError(body.error?.fields?.file ?? body.error?.message ?? "The upload failed.");
    setUpload(body);
    setMapping(body.suggested_mapping);
  }

  async function runDry() {
    if (!upload) return;
    setBusy(true);
    setError(null);
    const result = await dryRunAction(tenantSlug, { import_id: upload.id, mapping });
    setBusy(false);
    if (!result.ok) return setError(Object.values(result.fieldErrors ?? {})[0] ?? result.error);
    setDryRun(result.data);
  }

  async function execute() {
    if (!upload) return;
    setBusy(true);
    setError(null);
    const result = await executeImportAction(tenantSlug, { import_id: upload.id, all_or_nothing: allOrNothing });
    if (!result.ok) {
      setBusy(false);
      return setError(result.error);
    }
    const status = await importStatusAction(tenantSlug, upload.id);
    setBusy(false);
    if (status.ok) setStarted(status.data);
  }

  return (
    <Card>
      <CardHeader
        title="New import"
        description="Upload a CSV, XLSX, JSON (array or NDJSON) or XML file; nothing is written before the dry run and your go."
      />
      <CardBody className="grid gap-6">
        <div className="grid gap-2 sm:max-w-sm">
          <Label htmlFor="import-target">Import into</Label>
          <Select id="import-target" value={target} onChange={(e) => setTarget(e.target.value)} disabled={Boolean(upload)}>
            {targets.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </Select>
          <p className="text-sm">
            Template:{" "}
            {FORMATS.map((f, i) => (
              <span key={f}>
                {i > 0 && " · "}
                <a className="underline" href={`/t/${tenantSlug}/imports/templates/${encodeURIComponent(target)}?format=${f}`} download>
                  {f.toUpperCase()}
                </a>
              </span>
            ))}
          </p>
        </div>

        <label
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const file = e.dataTransfer.files[0];
            if (file) void send(file);
          }}
          className={`grid cursor-pointer place-items-center rounded-lg border-2 border-dashed p-8 text-center text-sm ${dragging ? "border-primary bg-surface-muted" : "border-border"}`}
        >
          <span>Drop a file here, or choose one</span>
          <input
            type="file"
            aria-label="File to import"
            className="mt-2 max-w-full text-sm"
            accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl,.xml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
        </label>
        {busy && <p className="text-sm text-muted-foreground">Working…</p>}
        {error && <Alert tone="danger">{error}</Alert>}

        {upload && (
          <section className="grid gap-3" aria-label="Mapping">
            <p className="text-sm">
              <strong>{upload.file_name}</strong>: detected <Badge>{upload.format}</Badge>, {upload.rows_estimate} rows,{" "}
              {upload.columns.length} columns
              {upload.mapping_source === "remembered" ? " — mapping remembered from the last upload of this layout" : ""}.
            </p>
            <div className="grid gap-3 sm:grid-cols-2">
              {fields.map((f) => (
                <div key={f.key} className="grid gap-1">
                  <Label htmlFor={`map-${f.key}`}>
                    {f.label ?? f.key}
                    {f.required ? " *" : ""}
                  </Label>
                  <Select
                    id={`map-${f.key}`}
                    value={mapping[f.key] ?? ""}
                    onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value || null })}
                  >
                    <option value="">(not imported)</option>
                    {upload.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </Select>
                </div>
              ))}
            </div>
            <div>
              <Button type="button" onClick={runDry} disabled={busy}>
                Dry run
              </Button>
            </div>
          </section>
        )}

        {dryRun && (
          <section className="grid gap-3" aria-label="Dry run">
            <p className="text-sm" data-testid="dry-run-counts">
              Dry run: {dryRun.counts.created} to create, {dryRun.counts.updated} to update, {dryRun.counts.unchanged} unchanged,{" "}
              {dryRun.counts.conflict} in conflict, {dryRun.counts.failed} with errors.
            </p>
            {dryRun.diff.length > 0 && (
              <div className="overflow-x-auto">
                <Table>
                  <THead>
                    <Tr>
                      <Th>Row</Th>
                      <Th>Action</Th>
                      <Th>Key</Th>
                      <Th>Details</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {dryRun.diff.map((d) => (
                      <Tr key={d.row}>
                        <Td>{d.row}</Td>
                        <Td>
                          <Badge
                            tone={
                              d.action === "create"
                                ? "success"
                                : d.action === "update"
                                  ? "info"
                                  : d.action === "unchanged"
                                    ? "neutral"
                                    : "danger"
                            }
                          >
                            {d.action}
                          </Badge>
                        </Td>
                        <Td>{d.key}</Td>
                        <Td>{d.changes?.join(", ") ?? d.reason}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            )}
            {dryRun.errors.length > 0 && (
              <div className="overflow-x-auto">
                <Table aria-label="Errors">
                  <THead>
                    <Tr>
                      <Th>Row</Th>
                      <Th>Column</Th>
                      <Th>Value</Th>
                      <Th>Reason</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {dryRun.errors.map((e, i) => (
                      <Tr key={i}>
                        <Td>{e.row}</Td>
                        <Td>{e.column}</Td>
                        <Td>{e.value}</Td>
                        <Td>{e.message}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            )}
            {!started && (
              <div className="flex flex-wrap items-center gap-4">
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} /> All or nothing
                </label>
                <Button type="button" onClick={execute} disabled={busy}>
                  Import {dryRun.counts.created + dryRun.counts.updated} rows
                </Button>
              </div>
            )}
          </section>
        )}

        {started && upload && <ImportProgress tenantSlug={tenantSlug} id={upload.id} initial={started} />}
      </CardBody>
    </Card>
  );
}
