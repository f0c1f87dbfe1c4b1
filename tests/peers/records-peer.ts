import type http from "node:http";

export type PeerUnit = { id: string; code: string; status: string; price?: number | string; updated_at: string };

export type PeerStyle = "none" | "page" | "offset" | "cursor" | "link_header" | "next_url";

/**
 * A provider API serving `units` in pages of `size`, in one of the declared pagination styles,
 * ordered by (updated_at, id) and filtered by `updated_since` (inclusive) like common REST APIs.
 * `hits` counts the page requests; `failOn(n)` answers the nth page request with a 500 or 429.
 */
export function recordsPeer(units: () => PeerUnit[], style: PeerStyle, size = 2) {
  const state = { hits: 0, fail: new Map<number, { status: number; retryAfter?: string }>(), token: "", seenQueries: [] as string[] };
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://peer");
    if (!url.pathname.startsWith("/v1/units")) return void res.writeHead(404).end();
    state.hits++;
    state.token = req.headers.authorization ?? "";
    state.seenQueries.push(url.search);
    const failure = state.fail.get(state.hits);
    if (failure) {
      res.writeHead(failure.status, {
        "content-type": "application/json",
        ...(failure.retryAfter ? { "retry-after": failure.retryAfter } : {}),
      });
      return void res.end(JSON.stringify({ error: "boom" }));
    }
    const since = url.searchParams.get("updated_since");
    const all = units()
      .filter((u) => !since || u.updated_at >= since)
      .sort((a, b) => (a.updated_at === b.updated_at ? a.id.localeCompare(b.id) : a.updated_at.localeCompare(b.updated_at)));
    let start = 0;
    if (style === "page") start = (Number(url.searchParams.get("page") ?? "1") - 1) * size;
    if (style === "offset") start = Number(url.searchParams.get("offset") ?? "0");
    if (style === "cursor" || style === "link_header" || style === "next_url") start = Number(url.searchParams.get("after") ?? "0");
    const pageSize = style === "offset" ? Number(url.searchParams.get("limit") ?? size) : style === "none" ? all.length : size;
    const data = all.slice(start, start + pageSize);
    const more = start + pageSize < all.length;
    const headers: Record<string, string> = { "content-type": "application/json" };
    const nextQuery = new URLSearchParams(url.searchParams);
    nextQuery.set("after", String(start + pageSize));
    if (style === "link_header" && more) headers.link = `</v1/units?${nextQuery}>; rel="next", </v1/units>; rel="first"`;
    const body: Record<string, unknown> = { data };
    if (style === "cursor") body.meta = { next_cursor: more ? String(start + pageSize) : null };
    if (style === "next_url") body.links = { next: more ? `/v1/units?${nextQuery}` : null };
    res.writeHead(200, headers).end(JSON.stringify(body));
  };
  return { handler, state };
}

export const PAGINATION: Record<PeerStyle, Record<string, unknown>> = {
  none: { type: "none" },
  page: { type: "page", param: "page", start: 1 },
  offset: { type: "offset", param: "offset", limit_param: "limit", limit: 2 },
  cursor: { type: "cursor", param: "after", cursor_path: "$.meta.next_cursor" },
  link_header: { type: "link_header" },
  next_url: { type: "next_url", next_path: "$.links.next" },
};
