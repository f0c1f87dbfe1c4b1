import type { RestSource } from "@/db/schema";
import { callIntegration, problemText, type CallResult, type CallTarget } from "@/lib/integrations/call";
import { jsonPathValues } from "@/lib/mapping";

/** Where the next page is: the declared path with a page number, offset or cursor, or a URL the provider handed back. */
export type PageState = { url?: string; page?: number; offset?: number; cursor?: string };

export type FetchedPage =
  | { ok: true; records: unknown[]; next: PageState | null; bytes: number; body: unknown; call: CallResult }
  | { ok: false; rateLimitedSeconds: number | null; message: string; status: number | null; bytes: number; call: CallResult };

export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
export const MAX_RECORDS_PER_PAGE = 10_000;

export function firstPage(source: RestSource): PageState {
  const p = source.pagination;
  if (p.type === "page") return { page: p.start };
  if (p.type === "offset") return { offset: 0 };
  return {};
}

function queryFor(source: RestSource, state: PageState, since: string | null): Record<string, string> {
  const query: Record<string, string> = { ...(source.query ?? {}) };
  if (since && source.incremental) query[source.incremental.param] = since;
  const p = source.pagination;
  if (p.type === "page") {
    query[p.param] = String(state.page ?? p.start);
    if (p.size_param && p.size) query[p.size_param] = String(p.size);
  } else if (p.type === "offset") {
    query[p.param] = String(state.offset ?? 0);
    query[p.limit_param] = String(p.limit);
  } else if (p.type === "cursor" && state.cursor) {
    query[p.param] = state.cursor;
  }
  return query;
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] ?? "")) return match[1] ?? null;
  }
  return null;
}

function resolve(baseUrl: string, link: string, current: string): string {
  try {
    return new URL(link, current.startsWith("http") ? current : baseUrl).toString();
  } catch {
    return link;
  }
}

function nextState(
  source: RestSource,
  state: PageState,
  call: CallResult,
  body: unknown,
  count: number,
  baseUrl: string,
): PageState | null {
  const p = source.pagination;
  switch (p.type) {
    case "none":
      return null;
    case "page":
      if (count === 0 || (p.size !== undefined && count < p.size)) return null;
      return { page: (state.page ?? p.start) + 1 };
    case "offset":
      if (count < p.limit) return null;
      return { offset: (state.offset ?? 0) + count };
    case "cursor": {
      const cursor = jsonPathValues(body, p.cursor_path)[0];
      if (cursor === null || cursor === undefined || cursor === "" || count === 0) return null;
      const text = typeof cursor === "string" ? cursor : JSON.stringify(cursor);
      return text === state.cursor ? null : { cursor: text };
    }
    case "link_header": {
      const link = nextLink(call.response?.headers["link"]);
      return link ? { url: resolve(baseUrl, link, call.request.url) } : null;
    }
    case "next_url": {
      const link = jsonPathValues(body, p.next_path)[0];
      if (typeof link !== "string" || link === "") return null;
      return { url: resolve(baseUrl, link, `${baseUrl}${source.path}`) };
    }
  }
}

/**
 * One page of a Custom REST stream through callIntegration (source `sync`, the run as source id,
 * so each call is in the request log linked to its run). The provider's 429 comes back as
 * `rateLimitedSeconds` for the caller to wait out rather than fail.
 */
export async function fetchPage(
  target: CallTarget,
  source: RestSource,
  state: PageState,
  options: { since: string | null; runId: string | null; log?: "all" | "sampled" | "none"; timeoutMs?: number },
): Promise<FetchedPage> {
  const call = await callIntegration(target, {
    method: source.method,
    path: state.url ?? source.path,
    query: state.url ? {} : queryFor(source, state, options.since),
    headers: source.method === "POST" ? { "content-type": "application/json" } : undefined,
    body: source.method === "POST" ? "{}" : undefined,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: MAX_PAGE_BYTES,
    retries: 2,
    source: "sync",
    sourceId: options.runId ?? undefined,
    log: options.log ?? "all",
  });
  const bytes = call.response?.body.length ?? 0;
  if (!call.ok) {
    const status = call.response?.status ?? null;
    const message = problemText(call.problem) ?? "The call failed.";
    return { ok: false, rateLimitedSeconds: status === 429 ? (call.retryAfterSeconds ?? 60) : null, message, status, bytes, call };
  }
  if (call.json === undefined)
    return {
      ok: false,
      rateLimitedSeconds: null,
      message: "The response is not JSON.",
      status: call.response?.status ?? null,
      bytes,
      call,
    };
  const found = jsonPathValues(call.json, source.records_path);
  // "$.data" names the array itself; "$.data[*]" names its items: both mean the same list of records.
  const records = found.length === 1 && Array.isArray(found[0]) ? (found[0] as unknown[]) : found;
  if (records.length > MAX_RECORDS_PER_PAGE) {
    return {
      ok: false,
      rateLimitedSeconds: null,
      message: `The page holds ${records.length} records; at most ${MAX_RECORDS_PER_PAGE} per page are accepted. Ask the provider for smaller pages.`,
      status: call.response?.status ?? null,
      bytes,
      call,
    };
  }
  return {
    ok: true,
    records,
    next: nextState(source, state, call, call.json, records.length, target.baseUrl),
    bytes,
    body: call.json,
    call,
  };
}
