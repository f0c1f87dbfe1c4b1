"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  createStreamAction,
  previewStreamAction,
  sampleSourceAction,
  updateStreamAction,
} from "@/app/t/[tenant]/integrations/[id]/sync/actions";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Select, Textarea } from "@/components/ui";
import { jsonPathValues, suggestMapping, type EntityField, type MappingConfig } from "@/lib/mapping";
import type { EntityView } from "@/lib/sync/entities";
import type { PreviewResult } from "@/lib/sync/preview";
import type { StreamView } from "@/lib/sync/view";
import { MappingEditor } from "./mapping-editor";

type Pagination = "none" | "page" | "offset" | "cursor" | "link_header" | "next_url";

export function StreamForm({
  tenantSlug,
  integrationId,
  entities,
  stream,
}: {
  tenantSlug: string;
  integrationId: string;
  entities: EntityView[];
  stream?: StreamView;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState(stream?.name ?? "");
  const [entityKey, setEntityKey] = useState(stream?.entity ?? entities[0]?.key ?? "");
  const [path, setPath] = useState(stream?.source.path ?? "/");
  const [recordsPath, setRecordsPath] = useState(stream?.source.records_path ?? "$.data[*]");
  const [idPath, setIdPath] = useState(stream?.source.id_path ?? "$.id");
  const [pagination, setPagination] = useState<Pagination>((stream?.source.pagination.type as Pagination) ?? "none");
  const [param, setParam] = useState(paramOf(stream));
  const [pathParam, setPathParam] = useState(pathOf(stream));
  const [mode, setMode] = useState(stream?.mode ?? "full");
  const [incParam, setIncParam] = useState(stream?.source.incremental?.param ?? "updated_since");
  const [incField, setIncField] = useState(stream?.source.incremental?.field ?? "$.updated_at");
  const [interval, setInterval] = useState(String(stream?.interval_seconds ?? 300));
  const [mapping, setMapping] = useState<MappingConfig>(stream?.mapping ?? { fields: [] });
  const [sampleText, setSampleText] = useState("");
  const [sample, setSample] = useState<unknown[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const entity = entities.find((e) => e.key === entityKey);
  const fields = (entity?.fields ?? []) as EntityField[];

  const source = () => ({
    path,
    records_path: recordsPath,
    id_path: idPath,
    pagination: paginationBody(pagination, param, pathParam),
    ...(mode === "incremental" || incParam ? { incremental: { param: incParam, field: incField, overlap_seconds: 60 } } : {}),
    // A connector's stream keeps its connector, which fetches the sample and the runs whatever the fields say.
    ...(stream?.source.connector ? { connector: stream.source.connector } : {}),
  });

  const takeSample = (records: unknown[]) => {
    setSample(records);
    if (mapping.fields.length === 0 && fields.length) setMapping(suggestMapping(fields, records[0] ?? {}));
  };

  const fetchSample = () =>
    start(async () => {
      setMessage(null);
      const result = await sampleSourceAction(tenantSlug, { integrationId, source: source() });
      if (!result.ok) {
        setMessage(result.error);
        setErrors(result.fieldErrors ?? {});
        return;
      }
      takeSample(result.data.records);
    });

  const pasteSample = () => {
    try {
      const parsed = JSON.parse(sampleText) as unknown;
      const list = Array.isArray(parsed) ? parsed : pickRecords(parsed, recordsPath);
      takeSample(list);
      setMessage(null);
    } catch {
      setMessage("The pasted sample is not JSON.");
    }
  };

  const body = () => ({
    name,
    ...(stream ? {} : { entity: entityKey }),
    mode,
    interval_seconds: Number(interval),
    source: source(),
    mapping,
  });

  const save = () =>
    start(async () => {
      setMessage(null);
      const result = stream
        ? await updateStreamAction(tenantSlug, { integrationId, streamId: stream.id, body: body() })
        : await createStreamAction(tenantSlug, { integrationId, body: body() });
      if (!result.ok) {
        setMessage(result.error);
        setErrors(result.fieldErrors ?? {});
        return;
      }
      router.push(`/t/${tenantSlug}/integrations/${integrationId}/sync`);
    });

  const serverPreview = () =>
    start(async () => {
      if (!stream) return;
      const result = await previewStreamAction(tenantSlug, {
        integrationId,
        streamId: stream.id,
        body: { mapping, source: source(), ...(sample.length ? { sample: { data: sample } } : {}) },
      });
      if (!result.ok) setMessage(result.error);
      else setPreview(result.data);
    });

  const err = (key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title={stream ? `Edit ${stream.name}` : "Add a stream"}
          description="A Custom REST resource read page by page into an entity."
        />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" htmlFor="stream-name" error={err("name")}>
            <Input id="stream-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field
            label="Entity"
            htmlFor="stream-entity"
            error={err("entity")}
            hint={entities.length ? undefined : "Create an entity under Settings → Data model first."}
          >
            <Select id="stream-entity" value={entityKey} disabled={!!stream} onChange={(e) => setEntityKey(e.target.value)}>
              {entities.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name} ({e.key})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Path" htmlFor="stream-path" error={err("source.path")}>
            <Input id="stream-path" value={path} onChange={(e) => setPath(e.target.value)} />
          </Field>
          <Field label="Records path" htmlFor="stream-records" error={err("source.records_path")}>
            <Input id="stream-records" value={recordsPath} onChange={(e) => setRecordsPath(e.target.value)} />
          </Field>
          <Field label="Id path" htmlFor="stream-id" error={err("source.id_path")}>
            <Input id="stream-id" value={idPath} onChange={(e) => setIdPath(e.target.value)} />
          </Field>
          <Field label="Pagination" htmlFor="stream-pagination" error={err("source.pagination")}>
            <Select id="stream-pagination" value={pagination} onChange={(e) => setPagination(e.target.value as Pagination)}>
              <option value="none">None</option>
              <option value="page">Page number</option>
              <option value="offset">Offset</option>
              <option value="cursor">Cursor parameter</option>
              <option value="link_header">Link header</option>
              <option value="next_url">Next URL in the body</option>
            </Select>
          </Field>
          {(pagination === "page" || pagination === "offset" || pagination === "cursor") && (
            <Field label="Page parameter" htmlFor="stream-param" error={err("source.pagination.param")}>
              <Input id="stream-param" value={param} onChange={(e) => setParam(e.target.value)} />
            </Field>
          )}
          {(pagination === "cursor" || pagination === "next_url") && (
            <Field
              label={pagination === "cursor" ? "Next cursor path" : "Next URL path"}
              htmlFor="stream-next"
              error={err("source.pagination")}
            >
              <Input id="stream-next" value={pathParam} onChange={(e) => setPathParam(e.target.value)} />
            </Field>
          )}
          <Field label="Mode" htmlFor="stream-mode">
            <Select id="stream-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
              <option value="full">Full</option>
              <option value="incremental">Incremental</option>
            </Select>
          </Field>
          <Field label="Polling interval (seconds)" htmlFor="stream-interval" error={err("interval_seconds")}>
            <Input id="stream-interval" inputMode="numeric" value={interval} onChange={(e) => setInterval(e.target.value)} />
          </Field>
          {mode === "incremental" && (
            <>
              <Field label="Incremental parameter" htmlFor="stream-inc-param" error={err("source.incremental")}>
                <Input id="stream-inc-param" value={incParam} onChange={(e) => setIncParam(e.target.value)} />
              </Field>
              <Field label="Change-time field" htmlFor="stream-inc-field">
                <Input id="stream-inc-field" value={incField} onChange={(e) => setIncField(e.target.value)} />
              </Field>
            </>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Sample" description="Fetch the first page from the integration, or paste a response." />
        <CardBody className="grid gap-3">
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" disabled={pending} onClick={fetchSample}>
              Fetch sample
            </Button>
          </div>
          <Field label="Pasted response" htmlFor="stream-sample">
            <Textarea id="stream-sample" rows={4} value={sampleText} onChange={(e) => setSampleText(e.target.value)} />
          </Field>
          <div>
            <Button type="button" variant="secondary" onClick={pasteSample} disabled={!sampleText.trim()}>
              Use pasted sample
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">{sample.length} sample records.</p>
        </CardBody>
      </Card>
      {entity && (
        <Card>
          <CardHeader title="Mapping" description={`Remote record → ${entity.name}. The preview updates as you type.`} />
          <CardBody>
            <MappingEditor fields={fields} sample={sample} value={mapping} onChange={setMapping} disabled={pending} />
            {err("mapping") && <p className="mt-2 text-sm text-danger-fg">{err("mapping")}</p>}
          </CardBody>
        </Card>
      )}
      {preview && (
        <Alert
          tone={preview.rejected.length ? "warning" : "success"}
          title={`Server preview: ${preview.records.length} mapped, ${preview.rejected.length} rejected`}
        >
          {preview.rejected.slice(0, 5).map((r, i) => (
            <div key={i}>
              {r.external_id ?? "(no id)"}: {r.message}
            </div>
          ))}
        </Alert>
      )}
      {message && <Alert tone="danger" title={message} />}
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={pending} onClick={save}>
          {stream ? "Save stream" : "Create stream"}
        </Button>
        {stream && (
          <Button type="button" variant="secondary" disabled={pending} onClick={serverPreview}>
            Preview on the server
          </Button>
        )}
      </div>
    </div>
  );
}

function paramOf(stream?: StreamView): string {
  const p = stream?.source.pagination;
  if (p && "param" in p) return p.param;
  return "page";
}

function pathOf(stream?: StreamView): string {
  const p = stream?.source.pagination;
  if (p?.type === "cursor") return p.cursor_path;
  if (p?.type === "next_url") return p.next_path;
  return "$.next";
}

function paginationBody(type: Pagination, param: string, path: string) {
  switch (type) {
    case "page":
      return { type, param, start: 1 };
    case "offset":
      return { type, param, limit_param: "limit", limit: 100 };
    case "cursor":
      return { type, param, cursor_path: path };
    case "next_url":
      return { type, next_path: path };
    default:
      return { type };
  }
}

function pickRecords(body: unknown, recordsPath: string): unknown[] {
  const found = jsonPathValues(body, recordsPath);
  return found.length === 1 && Array.isArray(found[0]) ? (found[0] as unknown[]) : found;
}
