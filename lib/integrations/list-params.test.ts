import { describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/pagination";
import { listHref, nextSort, parseIntegrationListParams, parseRequestLogParams } from "./list-params";

describe("integration list URL parameters", () => {
  it("keeps valid filters, drops empty ones and takes the first of repeated values", () => {
    expect(
      parseIntegrationListParams({ q: " stripe ", provider: ["stripe", "paypal"], environment: "sandbox", status: "", sort: "-name" }),
    ).toEqual({
      filters: { q: "stripe", provider: "stripe", environment: "sandbox", sort: "-name" },
      ignored: [],
    });
  });

  it("drops a hand-edited value and names it, applying the rest", () => {
    expect(parseIntegrationListParams({ environment: "staging", sort: "colour", status: "enabled" })).toEqual({
      filters: { status: "enabled" },
      ignored: ["environment", "sort"],
    });
    expect(parseRequestLogParams({ success: "maybe", cursor: "abc" })).toEqual({});
    expect(parseIntegrationListParams({ cursor: "not-a-cursor", q: "x" })).toEqual({ filters: { q: "x" }, ignored: ["cursor"] });
    const cursor = encodeCursor(["2026-01-01T00:00:00.000000", "8c1f0c1e-0000-4000-8000-000000000000"]);
    expect(parseRequestLogParams({ success: "true", cursor })).toEqual({ success: "true", cursor });
    expect(parseRequestLogParams({ success: "false" })).toEqual({ success: "false" });
  });

  it("builds links that change one filter and restart paging, except the next-page link", () => {
    const base = "/t/acme/integrations";
    const current = { q: "pay", cursor: "c1", sort: "name" };
    expect(listHref(base, current, { environment: "production" })).toBe(`${base}?q=pay&sort=name&environment=production`);
    expect(listHref(base, current, { cursor: "c2" })).toBe(`${base}?q=pay&cursor=c2&sort=name`);
    expect(listHref(base, { q: "pay" }, { q: undefined })).toBe(base);
  });

  it("sorts a column ascending first, then descending", () => {
    expect(nextSort(undefined, "name")).toBe("name");
    expect(nextSort("name", "name")).toBe("-name");
    expect(nextSort("-name", "name")).toBe("name");
    expect(nextSort("-created_at", "provider")).toBe("provider");
  });
});
