import { integrations, type RestSource } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { redactDeep } from "@/lib/http/redact";
import { compileMapping, createRunState, jsonPathValues, type EntityField, type FieldError, type MappingConfig } from "@/lib/mapping";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { mapRecords } from "./executor";
import { firstPage } from "./rest-source";
import { connectorStreamOf, fetchStreamPage } from "./stream-page";
import { previewSchema, restSourceSchema } from "./schema";
import { loadStream, parseInput } from "./streams";

export type PreviewResult = {
  source: "live" | "sample";
  total: number;
  records: { external_id: string; data: Record<string, unknown> }[];
  rejected: { external_id: string | null; message: string; field_errors: FieldError[] }[];
  /** The remote records the preview read (redacted), so the editor can show the sample beside the result. */
  sample: unknown[];
};

/**
 * The stream's mapping (or one being edited) applied to a live first page or to a pasted response.
 * Nothing is written, except that a live call is in the request log like any other call.
 */
export async function previewStream(ctx: TenantContext, integrationId: string, streamId: string, input: unknown): Promise<PreviewResult> {
  requireRole(ctx, "admin");
  const value = parseInput(previewSchema, input ?? {}, "preview");
  const { integration, stream, entity, mapping } = await withTenant(ctx, async (tx) => {
    const integrationRow = await loadOwned(integrations, ctx, integrationId);
    return { integration: integrationRow, ...(await loadStream(tx, ctx, integrationId, streamId)) };
  });
  const source = (stream.source.connector ? stream.source : (value.source ?? stream.source)) as RestSource;
  const config = (value.mapping ?? mapping.config) as MappingConfig;
  let body: unknown;
  let redact = (text: string) => text;
  if (value.sample !== undefined) body = value.sample;
  else {
    const page = await fetchStreamPage(integration, source, firstPage(source), { since: null, runId: null });
    if (!page.ok) throw invalid(`The live sample could not be read: ${page.message}`, { sample: "Paste a sample response instead." });
    body = page.body;
    redact = page.call.redact;
  }
  const found = jsonPathValues(body, source.records_path);
  const remote = found.length === 1 && Array.isArray(found[0]) ? (found[0] as unknown[]) : found;
  const compiled = compileMapping(config, entity.fields as EntityField[]);
  const records = remote.slice(0, value.limit);
  const mapped = mapRecords(records, compiled, source, createRunState());
  return redactDeep(
    {
      source: value.sample !== undefined ? "sample" : "live",
      total: remote.length,
      records: mapped.rows.map((r) => ({ external_id: r.externalId, data: r.data })),
      rejected: mapped.errors.map((e) => ({
        external_id: e.externalId ?? null,
        message: e.message,
        field_errors: (e.fieldErrors ?? []) as FieldError[],
      })),
      sample: records,
    },
    redact,
  );
}

/** The first page of a source being declared (before the stream exists), redacted: the mapping editor's sample. */
export async function sampleSource(ctx: TenantContext, integrationId: string, input: unknown): Promise<{ records: unknown[] }> {
  requireRole(ctx, "admin");
  const source = parseInput(restSourceSchema, input, "source") as RestSource;
  const integration = await withTenant(ctx, () => loadOwned(integrations, ctx, integrationId));
  if (source.connector && !connectorStreamOf(integration.provider, source))
    throw invalid("The source is not valid.", { "source.connector": `This integration has no connector stream ${source.connector}.` });
  const page = await fetchStreamPage(integration, source, firstPage(source), { since: null, runId: null });
  if (!page.ok)
    throw invalid(`The sample could not be read: ${page.message}`, { path: "Check the path and the integration's credentials." });
  return redactDeep({ records: page.records.slice(0, 50) }, page.call.redact);
}
