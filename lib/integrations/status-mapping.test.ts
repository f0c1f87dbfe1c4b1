import { describe, expect, it } from "vitest";
import { selectValues } from "./json-path";
import { mapStatuses } from "./status-mapping";

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
    expect(selectValues(feed, "$.units[*].id")).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(selectValues(feed, "$.units[2].status")).toEqual(["SOLD"]);
    expect(selectValues(feed, "$.units[99].status")).toEqual([]);
    expect(selectValues([{ s: "a" }, { s: "b" }], "$[*].s")).toEqual(["a", "b"]);
    expect(selectValues(feed, "$.missing[*].status")).toEqual([]);
  });

  it("maps the usual spellings by default and lists what no rule maps, without guessing", () => {
    expect(mapStatuses(feed, "$.units[*].status", undefined)).toEqual({
      counts: { available: 2, sold: 1, hold: 1 },
      unmapped: ["Weird", "available "],
    });
  });

  it("uses the integration's own mapping instead of the default when it has one", () => {
    const mapping = { available: ["Weird"], sold: ["SOLD"] };
    expect(mapStatuses(feed, "$.units[*].status", mapping)).toEqual({
      counts: { available: 2, sold: 1 },
      unmapped: ["Available", "OPEN", "OnHold", "available "],
    });
  });
});
