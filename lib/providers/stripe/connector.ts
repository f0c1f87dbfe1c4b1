import { callIntegration, problemText } from "@/lib/integrations/call";
import type { RestSource } from "@/db/schema";
import {
  heldByOwnLimit,
  rateLimitedPage,
  refusedPage,
  type Connector,
  type ConnectorPage,
  type ConnectorPageRequest,
  type ConnectorStream,
} from "@/lib/sync/connector";
import { MAX_PAGE_BYTES } from "@/lib/sync/rest-source";
import { entityTemplate } from "@/lib/sync/templates";

/*
 * Stripe's list API (docs.stripe.com/api/pagination): `GET /v1/<objects>?limit=1..100&starting_after=<id>`
 * answers `{object: "list", url, has_more, data: [...]}`, newest first; the next page starts after
 * the last id of this one. Incremental runs filter on `created[gte]` (docs.stripe.com/api/customers/list,
 * a Unix time): Stripe's list endpoints filter by creation time only, so an incremental run brings
 * new objects, changes to existing ones arrive through the webhook update method (the Stripe
 * receiver), and a scheduled full run reconciles everything and marks vanished objects deleted.
 * The events API was the alternative: it covers changes too, but keeps only 30 days of events
 * and lists them newest first, so one object's events would have to be reordered across pages.
 */

export const STRIPE_PAGE_LIMIT = 100;

const template = (key: string) => entityTemplate(key)!;

const source = (path: string): RestSource => ({
  path,
  method: "GET",
  records_path: "$.data[*]",
  id_path: "$.id",
  pagination: { type: "none" },
  incremental: { param: "created[gte]", field: "$.created", overlap_seconds: 0 },
});

const cents = [
  { type: "multiply" as const, by: 0.01 },
  { type: "round" as const, digits: 2 },
];

const STREAMS: ConnectorStream[] = [
  {
    key: "customers",
    name: "Stripe customers",
    entity: template("customer"),
    source: source("/v1/customers"),
    mode: "incremental",
    mapping: {
      fields: [
        // A customer may be created with an email only: the entity's required name gets a placeholder, not a rejection.
        { field: "name", source: "$.name", transforms: [{ type: "default", value: "(no name)" }] },
        { field: "email", source: "$.email", transforms: [{ type: "lower" }] },
        { field: "phone", source: "$.phone" },
        { field: "country", source: "$.address.country" },
        { field: "vat_number", source: "$.tax_ids.data[0].value" },
      ],
    },
  },
  {
    key: "invoices",
    name: "Stripe invoices",
    entity: template("invoice"),
    source: source("/v1/invoices"),
    mode: "incremental",
    mapping: {
      fields: [
        // Drafts have no number until they are finalised.
        { field: "number", source: "$.number", transforms: [{ type: "default", value: "(draft)" }] },
        { field: "customer_id", source: "$.customer" },
        { field: "status", source: "$.status" },
        { field: "total", source: "$.total", transforms: cents },
        { field: "currency", source: "$.currency", transforms: [{ type: "upper" }] },
        { field: "issued_on", source: "$.created", transforms: [{ type: "date", format: "unix" }] },
        { field: "due_on", source: "$.due_date", transforms: [{ type: "date", format: "unix" }] },
      ],
    },
  },
  {
    key: "payment_intents",
    name: "Stripe payment intents",
    entity: template("payment"),
    source: source("/v1/payment_intents"),
    mode: "incremental",
    mapping: {
      fields: [
        { field: "reference", source: "$.id" },
        { field: "invoice_id", source: "$.invoice" },
        { field: "amount", source: "$.amount_received", transforms: cents },
        { field: "currency", source: "$.currency", transforms: [{ type: "upper" }] },
        { field: "paid_at", source: "$.created", transforms: [{ type: "datetime", format: "unix" }] },
        { field: "method", source: "$.payment_method_types[0]" },
      ],
    },
  },
];

/** Stripe's error body: `{"error": {"type", "code", "message"}}` (docs.stripe.com/api/errors). */
function stripeMessage(json: unknown): string | null {
  const error = (json as { error?: { message?: unknown; code?: unknown } } | null)?.error;
  if (!error || typeof error.message !== "string") return null;
  return `${error.message.slice(0, 300)}${typeof error.code === "string" ? ` (${error.code})` : ""}`;
}

async function fetchStripePage({ integration, stream, state, since, runId }: ConnectorPageRequest): Promise<ConnectorPage> {
  const query: Record<string, string> = { limit: String(STRIPE_PAGE_LIMIT) };
  if (state.cursor) query.starting_after = state.cursor;
  if (since) query["created[gte]"] = String(Math.floor(new Date(since).getTime() / 1000));
  const call = await callIntegration(integration, {
    path: stream.source.path,
    query,
    timeoutMs: 30_000,
    maxResponseBytes: MAX_PAGE_BYTES,
    retries: 2,
    source: "sync",
    sourceId: runId ?? undefined,
    log: "all",
  });
  const bytes = call.response?.body.length ?? 0;
  const status = call.response?.status ?? null;
  if (heldByOwnLimit(call)) return rateLimitedPage(call, 1, problemText(call.problem) ?? "Rate limited.");
  if (!call.ok) {
    const said = call.redact(stripeMessage(call.json) ?? problemText(call.problem) ?? "The call failed.");
    if (status === 401)
      return refusedPage(call, `Stripe refused the secret key (401): ${said} Reconnect the integration with a valid key.`, true);
    // docs.stripe.com/rate-limits: a 429 asks for exponential backoff; Stripe sends no Retry-After, so one is honoured only when present.
    if (status === 429) return rateLimitedPage(call, call.retryAfterSeconds ?? 2, `Stripe rate limited the call (429): ${said}`);
    return { ok: false, rateLimitedSeconds: null, message: `Stripe answered ${status ?? "nothing"}: ${said}`, status, bytes, call };
  }
  const body = call.json as { object?: unknown; data?: unknown; has_more?: unknown } | undefined;
  if (!body || body.object !== "list" || !Array.isArray(body.data))
    return { ok: false, rateLimitedSeconds: null, message: "Stripe's answer is not a list object.", status, bytes, call };
  const records = body.data as { id?: unknown }[];
  const last = records.at(-1)?.id;
  const next = body.has_more === true && typeof last === "string" ? { cursor: last } : null;
  return { ok: true, records, next, bytes, body, call };
}

/** The object types a Stripe event's `data.object.object` names, by the stream that syncs them. */
const STREAM_BY_OBJECT: Record<string, string> = { customer: "customers", invoice: "invoices", payment_intent: "payment_intents" };

export const stripeConnector: Connector = {
  provider: "stripe",
  streams: STREAMS,
  fetchPage: fetchStripePage,
  // An event (docs.stripe.com/api/events/object) carries the object as it is now; `*.deleted` means it is gone.
  webhookChange(body) {
    const event = body as { object?: unknown; type?: unknown; data?: { object?: { object?: unknown; id?: unknown } } } | null;
    if (event?.object !== "event" || typeof event.type !== "string") return null;
    const object = event.data?.object;
    const stream = typeof object?.object === "string" ? STREAM_BY_OBJECT[object.object] : undefined;
    if (!stream || typeof object?.id !== "string") return null;
    return { stream, record: object, deleted: event.type.endsWith(".deleted") };
  },
};
