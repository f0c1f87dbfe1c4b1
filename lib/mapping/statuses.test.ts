import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES, DEFAULT_STATUS_SPELLINGS, mergeStatusMapping } from "./index";
import { mapStatusValues, statusValuesAt } from "./status-values";

describe("mergeStatusMapping", () => {
  it("is the defaults when nothing is customised, and empty lists count as not customised", () => {
    expect(mergeStatusMapping(undefined)).toEqual(DEFAULT_STATUS_SPELLINGS);
    expect(mergeStatusMapping({ sold: [] })).toEqual(DEFAULT_STATUS_SPELLINGS);
  });

  it("replaces only the lists the admin filled; every other status keeps its defaults", () => {
    const merged = mergeStatusMapping({ sold: ["Closed"] });
    expect(merged.sold).toEqual(["Closed"]);
    for (const status of CANONICAL_STATUSES.filter((s) => s !== "sold")) expect(merged[status]).toEqual(DEFAULT_STATUS_SPELLINGS[status]);
  });

  it("takes a spelling the admin listed under one status out of the others' defaults", () => {
    const merged = mergeStatusMapping({ reserved: ["Pending", "Reserved"] });
    expect(merged.hold).toEqual(["Hold", "HOLD", "OnHold", "ON_HOLD", "on_hold"]);
    expect(merged.reserved).toEqual(["Pending", "Reserved"]);
  });

  it("does not let callers change the defaults through the result", () => {
    mergeStatusMapping(undefined).available.push("Mutated");
    expect(DEFAULT_STATUS_SPELLINGS.available).not.toContain("Mutated");
  });
});

describe("status values", () => {
  it("collects distinct values with counts, up to a limit", () => {
    const data = { u: ["A", "B", "A", 3, null, { x: 1 }, "C"] };
    expect(statusValuesAt(data, "$.u[*]")).toEqual([
      { value: "A", count: 2 },
      { value: "B", count: 1 },
      { value: "3", count: 1 },
      { value: "C", count: 1 },
    ]);
    expect(statusValuesAt(data, "$.u[*]", 2)).toEqual([
      { value: "A", count: 2 },
      { value: "B", count: 1 },
    ]);
  });

  it("maps counted values through the merged spellings", () => {
    expect(
      mapStatusValues(
        [
          { value: "Open", count: 4 },
          { value: "Gone", count: 1 },
          { value: "Closed", count: 2 },
        ],
        { sold: ["Closed"] },
      ),
    ).toEqual({
      counts: { available: 4, sold: 2 },
      unmapped: ["Gone"],
    });
  });
});
