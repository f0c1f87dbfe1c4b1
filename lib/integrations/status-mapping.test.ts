import { describe, expect, it } from "vitest";
import { jsonPathValues } from "@/lib/mapping";
import { mapStatuses, statusMappingApplies } from "./status-mapping";

const feed = {
  units: [
    { id: 1, status: "Available" },
    { id: 2, status: "OPEN" },
    { id: 3, status: "SOLD" },
    { id: 4, status: "Weird" },
    { id: 5, status: "OnHold" },
    { id: 6, status: "Weird" },
    { id: 7, status: "available " },
  ],
};

describe("status mapping", () => {
  it("selects values with $, .key, [*] and [n]", () => {
    expect(jsonPathValues(feed, "$.units[*].id")).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(jsonPathValues(feed, "$.units[2].status")).toEqual(["SOLD"]);
    expect(jsonPathValues(feed, "$.units[99].status")).toEqual([]);
    expect(jsonPathValues([{ s: "a" }, { s: "b" }], "$[*].s")).toEqual(["a", "b"]);
    expect(jsonPathValues(feed, "$.missing[*].status")).toEqual([]);
  });

  it("maps the usual spellings by default and lists what no rule maps, without guessing", () => {
    expect(mapStatuses(feed, "$.units[*].status", undefined)).toEqual({
      counts: { available: 2, sold: 1, hold: 1 },
      unmapped: ["Weird", "available "],
    });
  });

  it("replaces only the defaults of the statuses the integration lists its own spellings for", () => {
    // Before the per-status merge, filling `available` and `sold` dropped hold's defaults, so OnHold was unmapped.
    const mapping = { available: ["Weird"], sold: ["SOLD"] };
    expect(mapStatuses(feed, "$.units[*].status", mapping)).toEqual({
      counts: { available: 2, sold: 1, hold: 1 },
      unmapped: ["Available", "OPEN", "available "],
    });
  });

  it("lets a spelling the admin moved to another status win over its default", () => {
    expect(mapStatuses({ s: ["Pending", "Hold"] }, "$.s[*]", { reserved: ["Pending"] })).toEqual({
      counts: { reserved: 1, hold: 1 },
      unmapped: [],
    });
  });

  it("counts numbers and booleans by their text and skips objects and nulls", () => {
    expect(mapStatuses({ s: [1, true, null, { a: 1 }] }, "$.s[*]", { sold: ["1"], available: ["true"] })).toEqual({
      counts: { sold: 1, available: 1 },
      unmapped: [],
    });
  });
});

describe("where the status mapping applies", () => {
  it("applies to Custom REST and to anything with a status path or mapping set, not to Stripe as it comes", () => {
    expect(statusMappingApplies({ provider: "custom_rest", config: {} })).toBe(true);
    expect(statusMappingApplies({ provider: "stripe", config: {} })).toBe(false);
    expect(statusMappingApplies({ provider: "stripe", config: { status_mapping: { sold: [] } } })).toBe(false);
    expect(statusMappingApplies({ provider: "stripe", config: { status_path: "$.data[*].status" } })).toBe(true);
  });
});
