import type http from "node:http";

/*
 * Stripe's list API as documented, on loopback:
 * - docs.stripe.com/api/authentication: the secret key as `Authorization: Bearer sk_…`; a wrong or
 *   missing key is 401 with `{"error": {"type": "invalid_request_error", "message": …}}`.
 * - docs.stripe.com/api/pagination: `limit` 1..100 (default 10), `starting_after` an object id,
 *   newest first, `{"object": "list", "url", "has_more", "data"}`; an unknown cursor is 400 resource_missing.
 * - docs.stripe.com/api/customers/list (invoices, payment_intents alike): `created[gte|gt|lte|lt]` in Unix seconds.
 * - docs.stripe.com/rate-limits and /api/errors: 429 with code `rate_limit` and no Retry-After ("back off exponentially").
 * - every answer carries a `Request-Id`.
 */

export type StripeObject = { id: string; object: string; created: number; [field: string]: unknown };

export const STRIPE_RESOURCES = { customers: "customer", invoices: "invoice", payment_intents: "payment_intent" } as const;
type Resource = keyof typeof STRIPE_RESOURCES;

export function stripePeer(key: string) {
  const objects: Record<Resource, StripeObject[]> = { customers: [], invoices: [], payment_intents: [] };
  const state = {
    hits: 0,
    /** The nth list request answers 429 (rate_limit), with a Retry-After only when one is given. */
    rateLimitOn: new Map<number, string | null>(),
    queries: [] as string[],
    auth: [] as string[],
  };
  let requestSeq = 0;

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, {
        "content-type": "application/json",
        "request-id": `req_${++requestSeq}`,
        "stripe-version": "2024-06-20",
        ...headers,
      })
      .end(JSON.stringify(body));
  const error = (res: http.ServerResponse, status: number, message: string, extra: Record<string, string> = {}, headers = {}) =>
    send(res, status, { error: { type: "invalid_request_error", message, ...extra } }, headers);

  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://stripe");
    const match = /^\/v1\/(customers|invoices|payment_intents)$/.exec(url.pathname);
    const auth = req.headers.authorization ?? "";
    state.auth.push(auth);
    if (!auth)
      return error(
        res,
        401,
        "You did not provide an API key. Provide your API key in the Authorization header, using the Bearer auth scheme.",
      );
    if (auth !== `Bearer ${key}`) {
      const given = auth.replace(/^Bearer /, "");
      return error(
        res,
        401,
        `Invalid API Key provided: ${given.slice(0, 8)}${"*".repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`,
      );
    }
    if (url.pathname === "/v1/balance") return send(res, 200, { object: "balance", available: [], pending: [], livemode: false });
    if (!match || req.method !== "GET") return error(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    state.hits++;
    state.queries.push(url.search);
    if (state.rateLimitOn.has(state.hits)) {
      const retryAfter = state.rateLimitOn.get(state.hits);
      return error(
        res,
        429,
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
        { code: "rate_limit" },
        retryAfter ? { "retry-after": retryAfter } : {},
      );
    }
    const resource = match[1] as Resource;
    const limit = Number(url.searchParams.get("limit") ?? "10");
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return error(res, 400, "This value must be less than or equal to 100.", { param: "limit", code: "parameter_invalid_integer" });
    const bound = (op: string) => {
      const v = url.searchParams.get(`created[${op}]`);
      return v === null ? null : Number(v);
    };
    const [gte, gt, lte, lt] = [bound("gte"), bound("gt"), bound("lte"), bound("lt")];
    const listed = objects[resource]
      .filter((o) => (gte === null || o.created >= gte) && (gt === null || o.created > gt))
      .filter((o) => (lte === null || o.created <= lte) && (lt === null || o.created < lt))
      .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    let start = 0;
    const after = url.searchParams.get("starting_after");
    if (after) {
      const at = listed.findIndex((o) => o.id === after);
      if (at < 0)
        return error(res, 400, `No such ${STRIPE_RESOURCES[resource]}: '${after}'`, { code: "resource_missing", param: "starting_after" });
      start = at + 1;
    }
    const data = listed.slice(start, start + limit);
    send(res, 200, { object: "list", url: `/v1/${resource}`, has_more: start + limit < listed.length, data });
  };
  return { handler, state, objects };
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}_${(++seq).toString(36).padStart(14, "0")}`;

export function stripeCustomer(created: number, extra: Partial<StripeObject> = {}): StripeObject {
  const id = nextId("cus");
  return {
    id,
    object: "customer",
    created,
    name: `Customer ${id.slice(-4)}`,
    email: `${id}@Example.com`,
    phone: null,
    address: { country: "NL" },
    livemode: false,
    ...extra,
  };
}

export function stripeInvoice(created: number, customer: string, extra: Partial<StripeObject> = {}): StripeObject {
  return {
    id: nextId("in"),
    object: "invoice",
    created,
    customer,
    number: `INV-${seq}`,
    status: "open",
    total: 12_345,
    currency: "eur",
    due_date: created + 30 * 86_400,
    livemode: false,
    ...extra,
  };
}

export function stripePaymentIntent(created: number, extra: Partial<StripeObject> = {}): StripeObject {
  return {
    id: nextId("pi"),
    object: "payment_intent",
    created,
    amount: 5_000,
    amount_received: 5_000,
    currency: "usd",
    invoice: null,
    payment_method_types: ["card"],
    status: "succeeded",
    livemode: false,
    ...extra,
  };
}
