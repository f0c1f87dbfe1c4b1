import type http from "node:http";

/*
 * The Google Calendar API v3 as documented (developers.google.com/calendar/api), on loopback:
 * - v3/reference/events/list: `GET /calendar/v3/calendars/{calendarId}/events` with `maxResults` (250 by default,
 *   at most 2,500), `pageToken` (the previous page's `nextPageToken`), `showDeleted`, `syncToken` →
 *   `{"kind": "calendar#events", "etag", "summary", "updated", "timeZone", "items": [...], "nextPageToken"}`; the last
 *   page has `nextSyncToken` and no nextPageToken. `syncToken` with iCalUID, orderBy, privateExtendedProperty, q,
 *   sharedExtendedProperty, timeMin, timeMax or updatedMin is 400, and so is showDeleted=false with it.
 * - guides/sync ("Synchronize resources efficiently"): an incremental list (syncToken) holds what changed since the
 *   token was handed out, deleted events as `{"kind", "etag", "id", "status": "cancelled"}`; an expired token is
 *   `410 Gone` with reason `fullSyncRequired`.
 * - guides/errors: `{"error": {"code", "message", "errors": [{"domain", "reason", "message", …}], "status"}}`; 401
 *   `authError` for a token it does not honour; 403 `userRateLimitExceeded` / `rateLimitExceeded` and 429
 *   `rateLimitExceeded` with no Retry-After; 404 `notFound` for an unknown calendar.
 * - auth: `Authorization: Bearer <access token>` (guides/auth). `/calendar/v3/users/me/calendarList` lists calendars
 *   (the catalog entry's test endpoint).
 */

export type GoogleEvent = {
  kind: "calendar#event";
  etag: string;
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  updated: string;
  [k: string]: unknown;
};

const INCOMPATIBLE_WITH_SYNC = [
  "iCalUID",
  "orderBy",
  "privateExtendedProperty",
  "q",
  "sharedExtendedProperty",
  "timeMin",
  "timeMax",
  "updatedMin",
];

export function googleCalendarPeer(calendarId = "primary") {
  /** Every event ever made, cancelled ones too, each with the clock tick of its last change. */
  const events: { event: GoogleEvent; tick: number }[] = [];
  let clock = 0;
  const state = {
    revoked: false,
    /** The nth data request answers with this rate-limit error. */
    throttleOn: new Map<number, "429" | "userRateLimitExceeded">(),
    hits: 0,
    requests: [] as { path: string; query: Record<string, string> }[],
    /** Events written: the method, the event id (PATCH), the If-Match sent and the body. */
    pushed: [] as { method: string; id: string | null; ifMatch: string | string[] | null; body: Record<string, unknown> }[],
    auth: [] as string[],
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8", vary: "Origin" }).end(JSON.stringify(body));
  const error = (res: http.ServerResponse, code: number, reason: string, message: string, status: string, extra = {}) =>
    send(res, code, { error: { code, message, errors: [{ domain: "global", reason, message, ...extra }], status } });

  const add = (fields: Partial<GoogleEvent> & Record<string, unknown>): GoogleEvent => {
    clock++;
    const at = new Date(Date.UTC(2026, 10, 1) + clock * 1000).toISOString();
    const id = fields.id ?? `evt${String(clock).padStart(6, "0")}`;
    const event: GoogleEvent = {
      kind: "calendar#event",
      etag: `"${3_000_000_000 + clock}"`,
      id,
      status: "confirmed",
      htmlLink: `https://www.google.com/calendar/event?eid=${id}`,
      created: at,
      updated: at,
      summary: `Viewing ${clock}`,
      creator: { email: "agent@example.com", self: true },
      organizer: { email: "agent@example.com", self: true },
      start: { dateTime: "2026-12-05T10:00:00+01:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2026-12-05T11:00:00+01:00", timeZone: "Europe/Berlin" },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      eventType: "default",
      ...fields,
    };
    events.push({ event, tick: clock });
    return event;
  };
  /** Changes an event as an edit in Google Calendar does: a new etag and updated time. */
  const change = (id: string, fields: Record<string, unknown>) => {
    const row = events.find((e) => e.event.id === id)!;
    clock++;
    Object.assign(row.event, fields, {
      etag: `"${3_000_000_000 + clock}"`,
      updated: new Date(Date.UTC(2026, 10, 1) + clock * 1000).toISOString(),
    });
    row.tick = clock;
    return row.event;
  };
  /** Deletes an event: lists leave it out, incremental lists bring it as cancelled. */
  const cancel = (id: string) => change(id, { status: "cancelled" });
  const tokens = new Map<string, number>();
  const expired = new Set<string>();
  let issued = 0;
  const tokenAt = (tick: number) => {
    const token = `CPDAlvWDx70CEPDAlvWDx70CGAU${++issued}=${tick}`;
    tokens.set(token, tick);
    return token;
  };
  /** Expires every sync token handed out so far (Google expires them as it sees fit): they answer 410. */
  const expireTokens = () => tokens.forEach((_tick, token) => expired.add(token));

  /** events.insert (POST, start and end required) and events.patch (PATCH, If-Match compared with the etag: 412 when stale). */
  function write(req: http.IncomingMessage, res: http.ServerResponse, id: string | null) {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      state.pushed.push({ method: req.method!, id, ifMatch: req.headers["if-match"] ?? null, body });
      if (id === null) {
        if (!body.start) return error(res, 400, "required", "Missing start time.", "INVALID_ARGUMENT");
        if (!body.end) return error(res, 400, "required", "Missing end time.", "INVALID_ARGUMENT");
        delete body.id;
        return send(res, 200, add(body));
      }
      const row = events.find((e) => e.event.id === id);
      if (!row) return error(res, 404, "notFound", "Not Found", "NOT_FOUND");
      const ifMatch = req.headers["if-match"];
      if (ifMatch !== undefined && ifMatch !== row.event.etag)
        return error(res, 412, "conditionNotMet", "Precondition Failed", "FAILED_PRECONDITION", {
          locationType: "header",
          location: "If-Match",
        });
      for (const readOnly of ["id", "etag", "updated", "kind"]) delete body[readOnly];
      return send(res, 200, change(id, body));
    });
  }

  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://googleapis");
    const auth = req.headers.authorization ?? "";
    state.auth.push(auth);
    if (!/^Bearer \S+$/.test(auth) || state.revoked)
      return error(
        res,
        401,
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token.",
        "UNAUTHENTICATED",
        {
          location: "Authorization",
          locationType: "header",
        },
      );
    if (url.pathname === "/calendar/v3/users/me/calendarList")
      return send(res, 200, {
        kind: "calendar#calendarList",
        items: [{ kind: "calendar#calendarListEntry", id: "agent@example.com", primary: true }],
      });
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return error(res, 404, "notFound", "Not Found", "NOT_FOUND");
    if (decodeURIComponent(match[1]!) !== calendarId) return error(res, 404, "notFound", "Not Found", "NOT_FOUND");
    if (req.method === "POST" || req.method === "PATCH") return write(req, res, match[2] ? decodeURIComponent(match[2]) : null);
    if (match[2]) return error(res, 405, "httpMethodNotAllowed", "Method Not Allowed", "METHOD_NOT_ALLOWED");
    state.hits++;
    const q = Object.fromEntries(url.searchParams);
    state.requests.push({ path: decodeURIComponent(match[1]!), query: q });
    const throttle = state.throttleOn.get(state.hits);
    if (throttle === "429") return error(res, 429, "rateLimitExceeded", "Rate Limit Exceeded", "RESOURCE_EXHAUSTED");
    if (throttle) return error(res, 403, "userRateLimitExceeded", "User Rate Limit Exceeded", "PERMISSION_DENIED");

    const max = q.maxResults === undefined ? 250 : Number(q.maxResults);
    if (!Number.isInteger(max) || max < 1 || max > 2500)
      return error(res, 400, "invalid", "Invalid value for: maxResults", "INVALID_ARGUMENT", {
        location: "maxResults",
        locationType: "parameter",
      });
    let since: number | null = null;
    if (q.syncToken !== undefined) {
      const bad = INCOMPATIBLE_WITH_SYNC.find((p) => q[p] !== undefined);
      if (bad || q.showDeleted === "false")
        return error(res, 400, "invalid", `Sync token cannot be used with ${bad ?? "showDeleted=false"}.`, "INVALID_ARGUMENT");
      const tick = tokens.get(q.syncToken);
      if (tick === undefined) return error(res, 400, "invalid", "Invalid sync token value.", "INVALID_ARGUMENT");
      if (expired.has(q.syncToken))
        return error(res, 410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.", "GONE");
      since = tick;
    }
    // A page token is only good with the query it came from: it names its offset and the snapshot it reads.
    let offset = 0;
    let at = clock;
    if (q.pageToken !== undefined) {
      const parsed = /^p(\d+)_(\d+)$/.exec(Buffer.from(q.pageToken, "base64url").toString("utf8"));
      if (!parsed) return error(res, 400, "invalid", "Invalid page token value.", "INVALID_ARGUMENT");
      offset = Number(parsed[1]);
      at = Number(parsed[2]);
    }
    const showDeleted = since !== null || q.showDeleted === "true";
    const matching = events
      .filter((e) => e.tick <= at && (since === null || e.tick > since) && (showDeleted || e.event.status !== "cancelled"))
      .sort((a, b) => (a.event.id < b.event.id ? -1 : 1))
      .map(({ event }) =>
        event.status === "cancelled" ? { kind: event.kind, etag: event.etag, id: event.id, status: event.status } : event,
      );
    const items = matching.slice(offset, offset + max);
    const last = offset + max >= matching.length;
    return send(res, 200, {
      kind: "calendar#events",
      etag: `"p3${at}"`,
      summary: "agent@example.com",
      updated: new Date(Date.UTC(2026, 10, 1) + at * 1000).toISOString(),
      timeZone: "Europe/Berlin",
      accessRole: "owner",
      defaultReminders: [{ method: "popup", minutes: 10 }],
      items,
      ...(last ? { nextSyncToken: tokenAt(at) } : { nextPageToken: Buffer.from(`p${offset + max}_${at}`).toString("base64url") }),
    });
  };
  return { handler, state, events, add, change, cancel, expireTokens };
}
