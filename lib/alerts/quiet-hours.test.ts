import { describe, expect, it } from "vitest";
import { isQuiet } from "./quiet-hours";

describe("quiet hours", () => {
  const night = { start: "22:00", end: "07:00", timezone: "Europe/Berlin" };
  it("spans midnight in the tenant's time zone, not the server's", () => {
    // 21:30 UTC in winter is 22:30 in Berlin.
    expect(isQuiet(night, new Date("2026-12-02T21:30:00Z"))).toBe(true);
    expect(isQuiet(night, new Date("2026-12-02T20:30:00Z"))).toBe(false);
    expect(isQuiet(night, new Date("2026-12-03T05:59:00Z"))).toBe(true);
    expect(isQuiet(night, new Date("2026-12-03T06:00:00Z"))).toBe(false);
  });
  it("covers a daytime window too, and nothing when unset", () => {
    const lunch = { start: "12:00", end: "13:00", timezone: "UTC" };
    expect(isQuiet(lunch, new Date("2026-12-02T12:30:00Z"))).toBe(true);
    expect(isQuiet(lunch, new Date("2026-12-02T13:00:00Z"))).toBe(false);
    expect(isQuiet({ start: null, end: null, timezone: "UTC" }, new Date())).toBe(false);
  });
});
