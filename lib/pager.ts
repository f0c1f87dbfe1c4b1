import { AppError } from "@/lib/errors";

/**
 * Where a reader is in a keyset list. Keyset pages only know the way forward (`next_cursor`),
 * so the cursors of the pages already passed ride along in the address (`back`, joined with
 * "." — base64url never contains one) and "Previous" pops the last of them. The trail is
 * capped to keep addresses short: past that depth "Previous" eventually lands on the first page.
 */
export type PagePosition = { cursor?: string; back?: string };
export type PageHrefs = { first: string | null; previous: string | null; next: string | null };

const MAX_TRAIL = 20;

/** A search parameter's value; a repeated one counts once, an empty one not at all. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

export function pagePosition(params: Record<string, string | string[] | undefined>): PagePosition {
  const cursor = firstParam(params.cursor);
  const back = firstParam(params.back);
  return { ...(cursor ? { cursor } : {}), ...(cursor && back ? { back } : {}) };
}

export function pageHrefs(at: PagePosition, nextCursor: string | null, href: (to: PagePosition) => string): PageHrefs {
  const trail = at.cursor ? (at.back?.split(".").filter(Boolean) ?? []) : [];
  const back = (list: string[]) => (list.length ? list.join(".") : undefined);
  return {
    first: trail.length > 0 ? href({}) : null,
    previous: at.cursor ? href({ cursor: trail.at(-1), back: back(trail.slice(0, -1)) }) : null,
    next: nextCursor ? href({ cursor: nextCursor, back: back(at.cursor ? [...trail, at.cursor].slice(-MAX_TRAIL) : []) }) : null,
  };
}

/** `path` with these query parameters, empty ones left out. */
export function hrefWith(path: string, to: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(to)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A stale or hand-edited cursor in the address starts again from the first page instead of failing the page. */
export async function loadPage<T>(
  at: PagePosition,
  load: (cursor: string | undefined) => Promise<T>,
): Promise<{ page: T; at: PagePosition }> {
  if (!at.cursor) return { page: await load(undefined), at: {} };
  try {
    return { page: await load(at.cursor), at };
  } catch (error) {
    if (error instanceof AppError && error.fields?.cursor) return { page: await load(undefined), at: {} };
    throw error;
  }
}
