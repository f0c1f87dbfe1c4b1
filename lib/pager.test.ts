import { describe, expect, it } from "vitest";
import { invalid } from "@/lib/errors";
import { hrefWith, loadPage, pageHrefs, pagePosition, type PagePosition } from "./pager";

const href = (to: PagePosition) => hrefWith("/list", to);
const positionOf = (link: string | null): PagePosition => pagePosition(Object.fromEntries(new URL(link!, "http://x").searchParams));

describe("keyset pager", () => {
  it("walks forward through four pages and back again, page by page, to the first", () => {
    const cursors = ["c1", "c2", "c3"];
    let at: PagePosition = {};
    const seen: (string | undefined)[] = [at.cursor];
    for (const next of cursors) {
      at = positionOf(pageHrefs(at, next, href).next);
      seen.push(at.cursor);
    }
    expect(seen).toEqual([undefined, "c1", "c2", "c3"]);
    expect(pageHrefs(at, null, href)).toEqual({ first: "/list", previous: "/list?cursor=c2&back=c1", next: null });

    const back: (string | undefined)[] = [];
    while (at.cursor) {
      at = positionOf(pageHrefs(at, "unused", href).previous);
      back.push(at.cursor);
    }
    expect(back).toEqual(["c2", "c1", undefined]);
    expect(pageHrefs(at, "c1", href)).toEqual({ first: null, previous: null, next: "/list?cursor=c1" });
  });

  it("offers First only from the third page on, where it differs from Previous", () => {
    expect(pageHrefs({ cursor: "c1" }, "c2", href)).toEqual({ first: null, previous: "/list", next: "/list?cursor=c2&back=c1" });
  });

  it("keeps the address short on deep pages by forgetting the oldest pages passed", () => {
    let at: PagePosition = {};
    for (let i = 1; i <= 60; i++) at = positionOf(pageHrefs(at, `c${i}`, href).next);
    const trail = at.back!.split(".");
    expect(trail).toHaveLength(20);
    expect(trail.at(-1)).toBe("c59");
  });

  it("ignores a trail without a cursor and a repeated parameter's extra values", () => {
    expect(pagePosition({ back: "c1.c2" })).toEqual({});
    expect(pagePosition({ cursor: ["c2", "c9"], back: "c1" })).toEqual({ cursor: "c2", back: "c1" });
  });

  it("starts from the first page when the address holds a cursor the list refuses, and only then", async () => {
    const load = async (cursor: string | undefined) => {
      if (cursor === "stale") throw invalid("The cursor is not valid.", { cursor: "Use next_cursor." });
      if (cursor === "broken") throw new Error("database down");
      return cursor ?? "first page";
    };
    expect(await loadPage({ cursor: "stale", back: "c1" }, load)).toEqual({ page: "first page", at: {} });
    expect(await loadPage({ cursor: "c2", back: "c1" }, load)).toEqual({ page: "c2", at: { cursor: "c2", back: "c1" } });
    await expect(loadPage({ cursor: "broken" }, load)).rejects.toThrow("database down");
  });
});
