import type http from "node:http";

/*
 * The QuickBooks Online accounting API as documented (developer.intuit.com/app/developer/qbo/docs/), on loopback:
 * - learn/explore-the-quickbooks-online-api/data-queries: `GET /v3/company/{realmId}/query?query=select * from <Entity>
 *   STARTPOSITION n MAXRESULTS m` (1-based; MAXRESULTS at most 1000) →
 *   `{"QueryResponse": {"<Entity>": [...], "startPosition": n, "maxResults": count}, "time"}`, `{"QueryResponse": {}}` when empty.
 * - learn/explore-the-quickbooks-online-api/change-data-capture: `GET /v3/company/{realmId}/cdc?entities=<list>&changedSince=<dateTime>`
 *   → `{"CDCResponse": [{"QueryResponse": [{"<Entity>": [...], "startPosition": 1, "maxResults": count}]}], "time"}`;
 *   30 days back at most, 1,000 objects an answer; deleted objects as `{"Id", "status": "Deleted", "domain": "QBO", "MetaData"}`.
 * - develop/authentication-and-authorization/oauth-2.0: `Authorization: Bearer <access token>`; a token it no longer
 *   honours is 401 from the gateway: `{"fault": {"error": [{"message": "message=AuthenticationFailed; errorCode=003200;
 *   statusCode=401", "detail": …, "code": "3200"}], "type": "AUTHENTICATION"}}`.
 * - develop/troubleshooting/error-codes: faults `{"Fault": {"Error": [{"Message", "Detail", "code"}], "type"}}`; 429 ThrottleExceeded
 *   (code 3001) with no Retry-After; a realm the token is not for is 403 ApplicationAuthorizationFailed (003100).
 * - api-reference/accounting/invoice: `POST /v3/company/{realmId}/invoice` creates (CustomerRef and Line required, else
 *   2020) or, with `Id`, `SyncToken` and `sparse: true`, updates; a SyncToken that is not the current one is 400
 *   ValidationFault 5010 "Stale Object Error". Each update bumps the SyncToken.
 * - every answer carries an `intuit_tid` header.
 */

export type QboObject = { Id: string; SyncToken: string; MetaData: { CreateTime: string; LastUpdatedTime: string }; [k: string]: unknown };

const ENTITIES = ["Invoice", "Payment", "Vendor", "Customer"] as const;
type Entity = (typeof ENTITIES)[number];

export function quickbooksPeer(realmId: string) {
  const objects: Record<Entity, QboObject[]> = { Invoice: [], Payment: [], Vendor: [], Customer: [] };
  const tombstones: Record<Entity, { Id: string; status: "Deleted"; domain: "QBO"; MetaData: { LastUpdatedTime: string } }[]> = {
    Invoice: [],
    Payment: [],
    Vendor: [],
    Customer: [],
  };
  const state = {
    hits: 0,
    revoked: false,
    /** The nth data request answers 429 ThrottleExceeded. */
    throttleOn: new Set<number>(),
    requests: [] as { path: string; query: Record<string, string> }[],
    /** Bodies POSTed to the invoice endpoint. */
    pushed: [] as Record<string, unknown>[],
    auth: [] as string[],
    now: () => new Date(),
  };
  let tid = 0;

  const send = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json;charset=UTF-8", intuit_tid: `1-${++tid}` }).end(JSON.stringify(body));
  const fault = (res: http.ServerResponse, status: number, type: string, message: string, detail: string, code: string) =>
    send(res, status, {
      Fault: { Error: [{ Message: message, Detail: detail, code, element: "" }], type },
      time: state.now().toISOString(),
    });

  /** Deletes an object as QuickBooks does: it leaves the lists and CDC reports it as Deleted. */
  function remove(entity: Entity, id: string, at: string) {
    const i = objects[entity].findIndex((o) => o.Id === id);
    if (i >= 0) objects[entity].splice(i, 1);
    tombstones[entity].push({ Id: id, status: "Deleted", domain: "QBO", MetaData: { LastUpdatedTime: at } });
  }

  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://qbo");
    const match = /^\/v3\/company\/([^/]+)\/(query|cdc|invoice|companyinfo\/[^/]+)$/.exec(url.pathname);
    const auth = req.headers.authorization ?? "";
    state.auth.push(auth);
    if (!/^Bearer \S+$/.test(auth) || state.revoked) {
      return send(res, 401, {
        fault: {
          error: [{ message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail: "Token revoked", code: "3200" }],
          type: "AUTHENTICATION",
        },
        time: state.now().toISOString(),
      });
    }
    if (!match) return fault(res, 404, "SERVICE", "Unsupported Operation", `Operation ${url.pathname} is not supported.`, "500");
    if (match[1] !== realmId)
      return fault(res, 403, "AUTHORIZATION", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "", "003100");
    state.hits++;
    state.requests.push({ path: match[2]!, query: Object.fromEntries(url.searchParams) });
    if (state.throttleOn.has(state.hits))
      return fault(
        res,
        429,
        "SERVICE",
        "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        "The request limit was reached.",
        "3001",
      );
    const time = state.now().toISOString();

    if (match[2] === "invoice") {
      if (req.method !== "POST") return fault(res, 405, "SERVICE", "Unsupported Operation", "Use POST to create or update.", "500");
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        state.pushed.push(body);
        if (typeof body.Id === "string") {
          const current = objects.Invoice.find((o) => o.Id === body.Id);
          if (!current) return fault(res, 400, "ValidationFault", "Object Not Found", `Invoice ${body.Id} was not found.`, "610");
          if (body.SyncToken !== current.SyncToken)
            return fault(
              res,
              400,
              "ValidationFault",
              "Stale Object Error",
              `Stale Object Error : You and ${"another user"} were working on this at the same time. SyncToken ${String(body.SyncToken)} is not ${current.SyncToken}.`,
              "5010",
            );
          const changes = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "sparse" && k !== "SyncToken"));
          Object.assign(current, changes, {
            SyncToken: String(Number(current.SyncToken) + 1),
            MetaData: { ...current.MetaData, LastUpdatedTime: time },
          });
          return send(res, 200, { Invoice: current, time });
        }
        const ref = body.CustomerRef as { value?: unknown } | undefined;
        if (!ref?.value || !Array.isArray(body.Line) || body.Line.length === 0)
          return fault(
            res,
            400,
            "ValidationFault",
            "Required param missing, need to supply the required value for the API",
            "Required parameter Line and CustomerRef are missing in the request",
            "2020",
          );
        const created = qboObject(body, time);
        objects.Invoice.push(created);
        return send(res, 200, { Invoice: created, time });
      });
      return;
    }

    if (match[2] === "query") {
      const q = /^select \* from (\w+)(?: STARTPOSITION (\d+))?(?: MAXRESULTS (\d+))?$/i.exec(url.searchParams.get("query") ?? "");
      const entity = q?.[1] as Entity | undefined;
      if (!q || !entity || !ENTITIES.includes(entity))
        return fault(res, 400, "ValidationFault", "Error parsing query", `QueryParserError: ${url.searchParams.get("query")}`, "4000");
      const start = Number(q[2] ?? "1");
      const max = Number(q[3] ?? "100");
      if (max > 1000) return fault(res, 400, "ValidationFault", "Invalid query", "MAXRESULTS may not exceed 1000", "4001");
      const page = [...objects[entity]].sort((a, b) => Number(a.Id) - Number(b.Id)).slice(start - 1, start - 1 + max);
      return send(res, 200, { QueryResponse: page.length ? { [entity]: page, startPosition: start, maxResults: page.length } : {}, time });
    }

    if (match[2] === "cdc") {
      const since = Date.parse(url.searchParams.get("changedSince") ?? "");
      const wanted = (url.searchParams.get("entities") ?? "").split(",").filter(Boolean) as Entity[];
      if (Number.isNaN(since) || wanted.some((e) => !ENTITIES.includes(e)))
        return fault(res, 400, "ValidationFault", "Invalid CDC request", "entities and changedSince are required", "2010");
      if (state.now().getTime() - since > 30 * 86_400_000)
        return fault(res, 400, "ValidationFault", "Invalid CDC request", "changedSince may be at most 30 days in the past", "2010");
      let room = 1000;
      const answers = wanted.map((entity) => {
        const changed = [...objects[entity], ...tombstones[entity]]
          .filter((o) => Date.parse(o.MetaData.LastUpdatedTime) >= since)
          .sort((a, b) => Date.parse(a.MetaData.LastUpdatedTime) - Date.parse(b.MetaData.LastUpdatedTime))
          .slice(0, room);
        room -= changed.length;
        return { [entity]: changed, startPosition: 1, maxResults: changed.length };
      });
      return send(res, 200, { CDCResponse: [{ QueryResponse: answers }], time });
    }
    return send(res, 200, { CompanyInfo: { CompanyName: "Peer Books", Id: "1" }, time });
  };
  return { handler, state, objects, remove };
}

let seq = 0;

export function qboObject(fields: Record<string, unknown>, updated: string): QboObject {
  const id = String(++seq);
  return { Id: id, SyncToken: "0", MetaData: { CreateTime: updated, LastUpdatedTime: updated }, domain: "QBO", sparse: false, ...fields };
}

export const qboInvoice = (updated: string, extra: Record<string, unknown> = {}) =>
  qboObject(
    {
      DocNumber: `10${seq + 1}`,
      TxnDate: "2026-11-20",
      DueDate: "2026-12-20",
      TotalAmt: 150.5,
      Balance: 150.5,
      CurrencyRef: { value: "USD", name: "United States Dollar" },
      CustomerRef: { value: "58", name: "Amy's Bird Sanctuary" },
      Line: [{ Amount: 150.5, DetailType: "SalesItemLineDetail" }],
      ...extra,
    },
    updated,
  );

export const qboVendor = (updated: string, extra: Record<string, unknown> = {}) =>
  qboObject(
    {
      DisplayName: `Vendor ${seq + 1}`,
      PrimaryEmailAddr: { Address: `Books${seq + 1}@Vendor.example` },
      Balance: 0,
      Active: true,
      ...extra,
    },
    updated,
  );
