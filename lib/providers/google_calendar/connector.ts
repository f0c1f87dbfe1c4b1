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
} from "@/lib/sync/connector";
import { MAX_PAGE_BYTES } from "@/lib/sync/rest-source";
import { entityTemplate } from "@/lib/sync/templates";

/*
 * Google Calendar API v3 (developers.google.com/calendar/api):
 * - v3/reference/events/list: `GET /calendar/v3/calendars/{calendarId}/events` (`primary` is the user's own calendar),
 *   `maxResults` 250 by default and at most 2,500, `pageToken` from the previous page's `nextPageToken`; the last page
 *   carries `nextSyncToken` instead. `syncToken` cannot be combined with iCalUID, orderBy, q, timeMin, timeMax,
 *   updatedMin or the extended-property filters, and deleted events always come with it (showDeleted must not be false).
 * - guides/sync ("Synchronize resources efficiently"): a full sync once, keeping the last page's nextSyncToken, then
 *   incremental syncs with `syncToken`; deleted events come as `status: "cancelled"`; `410 Gone` means the token expired
 *   and a full sync (after clearing the store) is required.
 * - guides/errors: `{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`; 401 `authError` (the
 *   access token is invalid or expired), 403 `rateLimitExceeded` / `userRateLimitExceeded` and 429 `rateLimitExceeded`
 *   ask for exponential backoff and name no wait.
 * - v3/reference/events/insert and /patch: `POST .../events` creates (start and end required), `PATCH .../events/{eventId}`
 *   changes the fields sent; with `If-Match: <etag>` a changed event is `412 Precondition Failed` (conditionNotMet).
 * The calendar is `primary` unless the integration's path parameters name another (`calendarId`).
 */

export const GOOGLE_CALENDAR_PAGE_SIZE = 250;
/** Calendar quotas are per minute and Google names no wait: a minute, unless a Retry-After says otherwise. */
const THROTTLE_WAIT_S = 60;
const EVENTS_PATH = "/calendar/v3/calendars/{calendarId}/events";
const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded"]);

const source: RestSource = {
  path: EVENTS_PATH,
  method: "GET",
  records_path: "$.items[*]",
  id_path: "$.id",
  pagination: { type: "none" },
  // The feed position is the sync token; `updated` only tells the executor how recent the stream is.
  incremental: { param: "syncToken", field: "$.updated", overlap_seconds: 0 },
};

const STREAMS: ConnectorStream[] = [
  {
    key: "events",
    name: "Google Calendar events",
    entity: entityTemplate("calendar_event")!,
    source,
    mode: "incremental",
    mapping: {
      fields: [
        { field: "title", source: "$.summary", transforms: [{ type: "default", value: "(no title)" }] },
        { field: "description", source: "$.description" },
        // A timed event has start.dateTime, an all-day one start.date: whichever is there.
        {
          field: "starts_at",
          source: "$.start.dateTime",
          transforms: [{ type: "concat", sources: ["$.start.dateTime", "$.start.date"] }, { type: "datetime" }],
        },
        {
          field: "ends_at",
          source: "$.end.dateTime",
          transforms: [{ type: "concat", sources: ["$.end.dateTime", "$.end.date"] }, { type: "datetime" }],
        },
        { field: "location", source: "$.location" },
        { field: "status", source: "$.status" },
        { field: "attendees", source: "$.attendees" },
        { field: "updated_at", source: "$.updated", transforms: [{ type: "datetime" }] },
      ],
    },
  },
];

type GoogleError = { error?: { code?: unknown; message?: unknown; errors?: { reason?: unknown; message?: unknown }[] } };

/** Google's error body as "message (reason)", and its first reason. */
export function googleError(json: unknown): { text: string; reason: string | null } | null {
  const error = (json as GoogleError | null)?.error;
  if (!error || typeof error !== "object") return null;
  const reason = typeof error.errors?.[0]?.reason === "string" ? error.errors[0].reason : null;
  const message = typeof error.message === "string" ? error.message.slice(0, 400) : "The call failed.";
  return { text: `${message}${reason ? ` (${reason})` : ""}`, reason };
}

function failed(call: CallResult): ConnectorPage {
  const status = call.response?.status ?? null;
  if (heldByOwnLimit(call)) return rateLimitedPage(call, 1, problemText(call.problem) ?? "Rate limited.");
  const error = googleError(call.json);
  const said = call.redact(error?.text ?? problemText(call.problem) ?? "The call failed.");
  if (status === 401)
    return refusedPage(call, `Google refused the access token (401): ${said} Reconnect the integration to grant access again.`, true);
  if (status === 429 || (status === 403 && error?.reason && RATE_REASONS.has(error.reason)))
    return rateLimitedPage(call, call.retryAfterSeconds ?? THROTTLE_WAIT_S, `Google rate limited the call (${status}): ${said}`);
  return {
    ok: false,
    rateLimitedSeconds: null,
    message: `Google Calendar answered ${status ?? "nothing"}: ${said}`,
    status,
    bytes: 0,
    call,
  };
}

function eventsPath(request: { integration: ConnectorPageRequest["integration"] }): string {
  const params = { calendarId: "primary", ...request.integration.config.path_params };
  return fillPathParams(EVENTS_PATH, { calendarId: encodeURIComponent(params.calendarId) }).path;
}

async function fetchEvents(request: ConnectorPageRequest): Promise<ConnectorPage> {
  const token = request.token ?? null;
  // An incremental run with a checkpoint but no token (it predates one) cannot ask for changes: it reads everything.
  if (request.since && !token)
    return {
      ok: false,
      rateLimitedSeconds: null,
      message: "No sync token is stored.",
      status: null,
      bytes: 0,
      fullRun:
        "Google Calendar has given no sync token for this stream yet: this run reads every event instead, and marks what is gone deleted.",
    };
  const query: Record<string, string> = { maxResults: String(GOOGLE_CALENDAR_PAGE_SIZE) };
  if (token) Object.assign(query, { syncToken: token, showDeleted: "true" });
  if (request.state.cursor) query.pageToken = request.state.cursor;
  const result = await callIntegration(request.integration, {
    path: eventsPath(request),
    query,
    timeoutMs: 60_000,
    maxResponseBytes: MAX_PAGE_BYTES,
    retries: 2,
    source: "sync",
    sourceId: request.runId ?? undefined,
    log: "all",
  });
  if (!result.ok && result.response?.status === 410 && token)
    return {
      ...(failed(result) as Extract<ConnectorPage, { ok: false }>),
      fullRun: `Google Calendar no longer honours the stored sync token (410 Gone: ${result.redact(googleError(result.json)?.text ?? "full sync required")}): this run reads every event instead, and marks what is gone deleted.`,
    };
  if (!result.ok) return failed(result);
  const body = result.json as { kind?: unknown; items?: unknown; nextPageToken?: unknown; nextSyncToken?: unknown } | undefined;
  if (body?.kind !== "calendar#events" || !Array.isArray(body.items))
    return failed({ ...result, problem: { summary: "The answer is not a calendar#events list.", fix: null } });
  const deleted: string[] = [];
  const records: unknown[] = [];
  for (const item of body.items as { id?: unknown; status?: unknown }[]) {
    if (item.status === "cancelled" && typeof item.id === "string") deleted.push(item.id);
    else records.push(item);
  }
  const next = typeof body.nextPageToken === "string" && body.nextPageToken ? { cursor: body.nextPageToken } : null;
  const syncToken = typeof body.nextSyncToken === "string" && body.nextSyncToken ? body.nextSyncToken : undefined;
  return { ok: true, records, deleted, next, token: syncToken, bytes: result.response?.body.length ?? 0, body, call: result };
}

/** Google's start or end: the mapped one when the mapping reverses it, else the record's time (a date for an all-day event). */
function when(mapped: unknown, at: unknown, allDay: boolean): unknown {
  if (mapped && typeof mapped === "object") return mapped;
  if (typeof at !== "string" || Number.isNaN(Date.parse(at))) return undefined;
  return allDay ? { date: at.slice(0, 10) } : { dateTime: new Date(at).toISOString() };
}

/**
 * Creates or updates one event. An update is a PATCH naming the etag last seen in If-Match: Google refuses it with 412
 * when the event changed since, which is a conflict (someone edited it in Google Calendar), not a failure.
 */
async function pushEvent(request: ConnectorPushRequest): Promise<ConnectorPushResult> {
  const { data } = request;
  const allDay = data.all_day === true;
  // `updated` is read-only in Google's event resource: Google sets it, so it is not sent back.
  const fields = { ...request.body };
  delete fields.updated;
  const body = {
    ...fields,
    start: when(fields.start, data.starts_at, allDay),
    end: when(fields.end, data.ends_at ?? data.starts_at, allDay),
  };
  const path = eventsPath(request);
  const result = await callIntegration(request.integration, {
    method: request.remoteId ? "PATCH" : "POST",
    path: request.remoteId ? `${path}/${encodeURIComponent(request.remoteId)}` : path,
    headers: {
      "content-type": "application/json",
      ...(request.remoteId && request.remoteVersion ? { "if-match": request.remoteVersion } : {}),
    },
    body: JSON.stringify(body),
    timeoutMs: 30_000,
    // Not retried: a POST that reached Google would create a second event, a PATCH would meet its own new etag (412).
    retries: 0,
    source: "sync",
    sourceId: request.runId,
    log: "all",
  });
  if (result.ok) {
    const event = result.json as { id?: unknown; etag?: unknown } | undefined;
    if (typeof event?.id !== "string") return { outcome: "failed", message: "Google's answer holds no event." };
    return {
      outcome: "pushed",
      remoteId: event.id,
      remoteVersion: typeof event.etag === "string" ? event.etag : null,
      created: !request.remoteId,
    };
  }
  if (result.response?.status === 412)
    return {
      outcome: "conflict",
      reason: `Google Calendar changed event ${request.remoteId} since the last push: ${result.redact(googleError(result.json)?.text ?? "Precondition Failed")}`,
    };
  return pushFailed(failed(result));
}

export const googleCalendarConnector: Connector = {
  provider: "google_calendar",
  streams: STREAMS,
  fetchPage: fetchEvents,
  pushes: ["events"],
  push: pushEvent,
};
