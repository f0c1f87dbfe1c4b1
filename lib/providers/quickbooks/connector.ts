import type { RestSource } from "@/db/schema";
import { callIntegration, problemText, type CallResult } from "@/lib/integrations/call";
import { fillPathParams } from "@/lib/integrations/status-endpoint";
import {
  heldByOwnLimit,
  rateLimitedPage,
  refusedPage,
  type Connector,
  type ConnectorPage,
  type ConnectorPageRequest,
  pushFailed,
  type ConnectorPushRequest,
  type ConnectorPushResult,
  type ConnectorStream,
  unaskablePage,
} from "@/lib/sync/connector";
import { MAX_PAGE_BYTES } from "@/lib/sync/rest-source";
import { entityTemplate, type EntityTemplate } from "@/lib/sync/templates";

/*
 * QuickBooks Online accounting API (developer.intuit.com/app/developer/qbo/docs/):
 * - learn/explore-the-quickbooks-online-api/data-queries: `GET /v3/company/{realmId}/query?query=select * from
 *   Invoice STARTPOSITION n MAXRESULTS m` (1-based, at most 1,000 a page) answers
 *   `{"QueryResponse": {"Invoice": [...], "startPosition", "maxResults"}, "time"}`; an empty page has no list.
 * - learn/explore-the-quickbooks-online-api/change-data-capture: `GET /v3/company/{realmId}/cdc?entities=Invoice&changedSince=…`
 *   answers `{"CDCResponse": [{"QueryResponse": [{"Invoice": [...]}]}]}` with changes of the last 30 days only, at most
 *   1,000 objects an answer; a deleted object comes as `{"Id", "status": "Deleted", "MetaData"}`.
 * - errors (develop/troubleshooting/error-codes): `{"Fault": {"Error": [{"Message", "Detail", "code"}], "type"}}`;
 *   401 is AUTHENTICATION (code 3200: the access token is no longer honoured), 429 is a throttle (code 3001).
 * Full runs page the query API; incremental runs read CDC, whose deletes the executor applies; a checkpoint
 * older than CDC's 30 days turns the run into a full one. The realm id comes from the OAuth redirect (config.path_params).
 */

export const QUICKBOOKS_PAGE_SIZE = 1_000;
const CDC_MAX_OBJECTS = 1_000;
const CDC_LOOKBACK_MS = 30 * 86_400_000;
/** Intuit's limits are per minute and its 429 names no wait: a minute, unless a Retry-After says otherwise. */
const THROTTLE_WAIT_S = 60;
const MINOR_VERSION = "75";

const VENDOR: EntityTemplate = {
  key: "vendor",
  name: "Vendor",
  description: "A supplier the company buys from.",
  fields: [
    { key: "name", type: "string", required: true, label: "Name" },
    { key: "email", type: "string", label: "Email" },
    { key: "phone", type: "string", label: "Phone" },
    { key: "balance", type: "number", label: "Balance" },
    { key: "active", type: "boolean", label: "Active" },
  ],
  key_fields: ["name"],
};

const source = (entity: string): RestSource => ({
  path: "/v3/company/{realmId}/query",
  method: "GET",
  records_path: `$.QueryResponse.${entity}[*]`,
  id_path: "$.Id",
  pagination: { type: "none" },
  incremental: { param: "changedSince", field: "$.MetaData.LastUpdatedTime", overlap_seconds: 60 },
});

/** The QuickBooks entity each stream reads, in its query and CDC answers. */
const ENTITY_OF: Record<string, string> = { invoices: "Invoice", payments: "Payment", vendors: "Vendor", customers: "Customer" };

const STREAMS: ConnectorStream[] = [
  {
    key: "invoices",
    name: "QuickBooks invoices",
    entity: entityTemplate("invoice")!,
    source: source("Invoice"),
    mode: "incremental",
    mapping: {
      fields: [
        { field: "number", source: "$.DocNumber", transforms: [{ type: "default", value: "(no number)" }] },
        { field: "customer_id", source: "$.CustomerRef.value" },
        { field: "total", source: "$.TotalAmt", transforms: [{ type: "number" }] },
        { field: "currency", source: "$.CurrencyRef.value" },
        { field: "issued_on", source: "$.TxnDate", transforms: [{ type: "date" }] },
        { field: "due_on", source: "$.DueDate", transforms: [{ type: "date" }] },
      ],
    },
  },
  {
    key: "payments",
    name: "QuickBooks payments",
    entity: entityTemplate("payment")!,
    source: source("Payment"),
    mode: "incremental",
    mapping: {
      fields: [
        { field: "reference", source: "$.Id" },
        { field: "invoice_id", source: "$.Line[0].LinkedTxn[0].TxnId" },
        { field: "amount", source: "$.TotalAmt", transforms: [{ type: "number" }] },
        { field: "currency", source: "$.CurrencyRef.value" },
        { field: "paid_at", source: "$.TxnDate", transforms: [{ type: "datetime" }] },
        { field: "method", source: "$.PaymentMethodRef.name" },
      ],
    },
  },
  {
    key: "vendors",
    name: "QuickBooks vendors",
    entity: VENDOR,
    source: source("Vendor"),
    mode: "incremental",
    mapping: {
      fields: [
        { field: "name", source: "$.DisplayName" },
        { field: "email", source: "$.PrimaryEmailAddr.Address", transforms: [{ type: "lower" }] },
        { field: "phone", source: "$.PrimaryPhone.FreeFormNumber" },
        { field: "balance", source: "$.Balance", transforms: [{ type: "number" }] },
        { field: "active", source: "$.Active", transforms: [{ type: "boolean" }] },
      ],
    },
  },
  {
    key: "customers",
    name: "QuickBooks customers",
    entity: entityTemplate("customer")!,
    source: source("Customer"),
    mode: "incremental",
    mapping: {
      fields: [
        { field: "name", source: "$.DisplayName" },
        { field: "email", source: "$.PrimaryEmailAddr.Address", transforms: [{ type: "lower" }] },
        { field: "phone", source: "$.PrimaryPhone.FreeFormNumber" },
        { field: "country", source: "$.BillAddr.Country" },
      ],
    },
  },
];

type Fault = { Fault?: { Error?: { Message?: unknown; Detail?: unknown; code?: unknown }[]; type?: unknown } };

/** The first error of Intuit's fault body, as "Message: Detail (code)". */
export function quickbooksFault(json: unknown): { text: string; code: string | null } | null {
  const body = json as (Fault & { fault?: { error?: { message?: unknown; detail?: unknown; code?: unknown }[] } }) | null;
  // 401s come from the gateway in lower case (`fault.error[].message`); validation faults capitalised.
  const raw = body?.Fault?.Error?.[0] ?? body?.fault?.error?.[0];
  if (!raw) return null;
  const e = raw as Record<string, unknown>;
  const message = e.Message ?? e.message;
  const detail = e.Detail ?? e.detail;
  const code = typeof e.code === "string" ? e.code : null;
  const parts = [message, detail].filter((p): p is string => typeof p === "string" && p !== "");
  return { text: `${parts.join(": ").slice(0, 400)}${code ? ` (${code})` : ""}`, code };
}

function failed(call: CallResult): ConnectorPage {
  const status = call.response?.status ?? null;
  if (heldByOwnLimit(call)) return rateLimitedPage(call, 1, problemText(call.problem) ?? "Rate limited.");
  const said = call.redact(quickbooksFault(call.json)?.text ?? problemText(call.problem) ?? "The call failed.");
  if (status === 401)
    return refusedPage(call, `QuickBooks refused the access token (401): ${said} Reconnect the integration to grant access again.`, true);
  if (status === 429)
    return rateLimitedPage(call, call.retryAfterSeconds ?? THROTTLE_WAIT_S, `QuickBooks throttled the call (429): ${said}`);
  return { ok: false, rateLimitedSeconds: null, message: `QuickBooks answered ${status ?? "nothing"}: ${said}`, status, bytes: 0, call };
}

function companyPath(request: ConnectorPageRequest, path: string): string | null {
  const filled = fillPathParams(path, request.integration.config.path_params);
  return filled.missing.length ? null : filled.path;
}

const NO_REALM = "The QuickBooks company id (realmId) is not known yet: connect the integration, and Intuit's redirect back brings it.";

async function call(request: ConnectorPageRequest, path: string, query: Record<string, string>) {
  return callIntegration(request.integration, {
    path,
    query: { ...query, minorversion: MINOR_VERSION },
    timeoutMs: 60_000,
    maxResponseBytes: MAX_PAGE_BYTES,
    retries: 2,
    source: "sync",
    sourceId: request.runId ?? undefined,
    log: "all",
  });
}

async function fetchQueryPage(request: ConnectorPageRequest, entity: string): Promise<ConnectorPage> {
  const path = companyPath(request, request.stream.source.path);
  if (!path) return unaskablePage(NO_REALM);
  const start = (request.state.offset ?? 0) + 1;
  const result = await call(request, path, { query: `select * from ${entity} STARTPOSITION ${start} MAXRESULTS ${QUICKBOOKS_PAGE_SIZE}` });
  if (!result.ok) return failed(result);
  const body = result.json as { QueryResponse?: Record<string, unknown> } | undefined;
  if (!body?.QueryResponse) return failed({ ...result, problem: { summary: "The answer has no QueryResponse.", fix: null } });
  const list = body.QueryResponse[entity];
  const records = Array.isArray(list) ? (list as unknown[]) : [];
  const next = records.length === QUICKBOOKS_PAGE_SIZE ? { offset: start - 1 + records.length } : null;
  return { ok: true, records, next, bytes: result.response?.body.length ?? 0, body, call: result };
}

const changedAt = (o: unknown) => {
  const t = (o as { MetaData?: { LastUpdatedTime?: unknown } }).MetaData?.LastUpdatedTime;
  return typeof t === "string" ? t : null;
};

async function fetchChanges(request: ConnectorPageRequest, entity: string, since: string): Promise<ConnectorPage> {
  const path = companyPath(request, "/v3/company/{realmId}/cdc");
  if (!path) return unaskablePage(NO_REALM);
  const result = await call(request, path, { entities: entity, changedSince: request.state.cursor ?? since });
  if (!result.ok) return failed(result);
  const body = result.json as { CDCResponse?: { QueryResponse?: Record<string, unknown>[] }[] } | undefined;
  if (!Array.isArray(body?.CDCResponse)) return failed({ ...result, problem: { summary: "The answer has no CDCResponse.", fix: null } });
  const objects = body.CDCResponse.flatMap((r) => r.QueryResponse ?? []).flatMap((q) =>
    Array.isArray(q[entity]) ? (q[entity] as unknown[]) : [],
  );
  const deleted: string[] = [];
  const records: unknown[] = [];
  for (const o of objects) {
    const { Id, status } = o as { Id?: unknown; status?: unknown };
    if (status === "Deleted" && typeof Id === "string") deleted.push(Id);
    else records.push(o);
  }
  // A full answer may have been cut at 1,000 objects: ask again from the latest change it holds (hash dedupe absorbs the repeats).
  let next = null;
  if (objects.length >= CDC_MAX_OBJECTS) {
    const latest = objects
      .map(changedAt)
      .filter((t): t is string => !!t)
      .sort()
      .at(-1);
    if (latest && latest !== (request.state.cursor ?? since)) next = { cursor: latest };
  }
  return { ok: true, records, deleted, next, bytes: result.response?.body.length ?? 0, body, call: result };
}

/**
 * Creates or updates an invoice (develop/api-reference… /invoice: `POST /v3/company/{realmId}/invoice`). An update
 * is sparse and names the SyncToken last seen; QuickBooks refuses a stale one with ValidationFault 5010 ("Stale
 * Object Error"), which is a conflict: someone changed the invoice in QuickBooks since. A new invoice needs a
 * line: one sales line for the total, on the company's item 1 (Services, in a new company).
 */
async function pushInvoice(request: ConnectorPushRequest): Promise<ConnectorPushResult> {
  const path = fillPathParams("/v3/company/{realmId}/invoice", request.integration.config.path_params);
  if (path.missing.length) return { outcome: "failed", message: NO_REALM };
  const body = request.remoteId
    ? { ...request.body, Id: request.remoteId, SyncToken: request.remoteVersion ?? "0", sparse: true }
    : {
        ...request.body,
        Line: [
          {
            Amount: request.body.TotalAmt ?? 0,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: "1" } },
          },
        ],
      };
  const result = await callIntegration(request.integration, {
    method: "POST",
    path: path.path,
    query: { minorversion: MINOR_VERSION },
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    timeoutMs: 30_000,
    // Not retried on a 5xx: QuickBooks might have created the invoice, and a second POST would create another.
    retries: 0,
    source: "sync",
    sourceId: request.runId,
    log: "all",
  });
  if (result.ok) {
    const invoice = (result.json as { Invoice?: { Id?: unknown; SyncToken?: unknown } } | undefined)?.Invoice;
    if (typeof invoice?.Id !== "string") return { outcome: "failed", message: "QuickBooks' answer holds no Invoice." };
    const version = typeof invoice.SyncToken === "string" ? invoice.SyncToken : null;
    return { outcome: "pushed", remoteId: invoice.Id, remoteVersion: version, created: !request.remoteId };
  }
  const fault = quickbooksFault(result.json);
  if (fault?.code === "5010")
    return {
      outcome: "conflict",
      reason: `QuickBooks changed invoice ${request.remoteId} since the last push: ${result.redact(fault.text)}`,
    };
  return pushFailed(failed(result));
}

export const quickbooksConnector: Connector = {
  provider: "quickbooks",
  streams: STREAMS,
  fetchPage(request) {
    const entity = ENTITY_OF[request.stream.key]!;
    return request.since ? fetchChanges(request, entity, request.since) : fetchQueryPage(request, entity);
  },
  pushes: ["invoices"],
  push: pushInvoice,
  fullRunReason(since, now) {
    if (!since || now.getTime() - new Date(since).getTime() < CDC_LOOKBACK_MS) return null;
    return `QuickBooks' change data capture reaches back 30 days and the last change seen is from ${since}: this run reads everything instead, and marks what is gone deleted.`;
  },
};
