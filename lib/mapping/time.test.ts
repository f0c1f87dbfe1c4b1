import { describe, expect, it } from "vitest";
import { transformRuleSchema } from "./index";
import { mapOne } from "./test-helpers";
import { parseFormatted, wallTimeToUtc, zoneOffsetMs } from "./time";

const value = (result: ReturnType<typeof mapOne>) => {
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.errors)}`);
  return result.value;
};

describe("date and datetime transformations", () => {
  it("reads dates in a format and writes ISO dates", () => {
    expect(value(mapOne("31/12/2024", [{ type: "date", format: "dd/MM/yyyy" }]))).toBe("2024-12-31");
    expect(value(mapOne("3/7/24", [{ type: "date", format: "d/M/yy" }]))).toBe("2024-07-03");
    expect(value(mapOne("Mar 5, 1999", [{ type: "date", format: "MMM d, yyyy" }]))).toBe("1999-03-05");
    expect(value(mapOne("5 September 2030", [{ type: "date", format: "d MMMM yyyy" }]))).toBe("2030-09-05");
  });

  it("rejects text that does not fit the format or names an impossible day", () => {
    const wrong = mapOne("2024-12-31", [{ type: "date", format: "dd/MM/yyyy" }]);
    expect(wrong).toMatchObject({ ok: false, errors: [{ rule: "date", message: '"2024-12-31" is not a date in the format dd/MM/yyyy.' }] });
    expect(mapOne("31/02/2024", [{ type: "date", format: "dd/MM/yyyy" }]).ok).toBe(false);
    expect(mapOne("13/13/2024", [{ type: "date", format: "dd/MM/yyyy" }]).ok).toBe(false);
  });

  it("reads wall-clock datetimes in the given IANA zone, across daylight saving", () => {
    const rule = { type: "datetime", format: "yyyy-MM-dd HH:mm", time_zone: "Europe/Berlin" } as const;
    expect(value(mapOne("2024-01-15 09:30", [rule]))).toBe("2024-01-15T08:30:00.000Z");
    expect(value(mapOne("2024-07-15 09:30", [rule]))).toBe("2024-07-15T07:30:00.000Z");
    expect(value(mapOne("2024-03-10 01:30", [{ type: "datetime", time_zone: "America/New_York" }]))).toBe("2024-03-10T06:30:00.000Z");
    expect(value(mapOne("2024-03-10T03:30:00", [{ type: "datetime", time_zone: "America/New_York" }]))).toBe("2024-03-10T07:30:00.000Z");
  });

  it("reads a wall time in a spring-forward gap with the offset before the change", () => {
    // 02:30 does not exist in New York on 2024-03-10; read as 02:30 EST = 07:30Z.
    expect(value(mapOne("2024-03-10T02:30:00", [{ type: "datetime", time_zone: "America/New_York" }]))).toBe("2024-03-10T07:30:00.000Z");
  });

  it("prefers an offset written in the value over the time zone", () => {
    expect(value(mapOne("2024-07-15T09:30:00Z", [{ type: "datetime", time_zone: "Asia/Tokyo" }]))).toBe("2024-07-15T09:30:00.000Z");
    expect(value(mapOne("15.07.2024 09:30 +05:30", [{ type: "datetime", format: "dd.MM.yyyy HH:mm XXX", time_zone: "UTC" }]))).toBe(
      "2024-07-15T04:00:00.000Z",
    );
  });

  it("reads 12-hour clocks and epoch numbers", () => {
    expect(value(mapOne("07/04/2024 12:05 AM", [{ type: "datetime", format: "MM/dd/yyyy hh:mm a" }]))).toBe("2024-07-04T00:05:00.000Z");
    expect(value(mapOne("07/04/2024 1:05 pm", [{ type: "datetime", format: "MM/dd/yyyy h:mm a" }]))).toBe("2024-07-04T13:05:00.000Z");
    expect(value(mapOne(1720051200, [{ type: "datetime", format: "unix" }]))).toBe("2024-07-04T00:00:00.000Z");
    expect(value(mapOne("1720051200123", [{ type: "datetime", format: "unix_ms" }]))).toBe("2024-07-04T00:00:00.123Z");
  });

  it("gives the date of an instant in the chosen zone", () => {
    // 23:30 in New York on 1 March is already 2 March in UTC and in Tokyo.
    expect(value(mapOne("2024-03-01T23:30:00-05:00", [{ type: "date" }]))).toBe("2024-03-01");
    expect(value(mapOne("2024-03-01T23:30:00-05:00", [{ type: "date", time_zone: "Asia/Tokyo" }]))).toBe("2024-03-02");
    expect(value(mapOne(1709335800, [{ type: "date", format: "unix", time_zone: "America/New_York" }]))).toBe("2024-03-01");
  });

  it("refuses unknown time zones and format letters when the rule is saved", () => {
    expect(transformRuleSchema.safeParse({ type: "datetime", time_zone: "Mars/Olympus" }).success).toBe(false);
    expect(transformRuleSchema.safeParse({ type: "date", format: "yyyy-QQ" }).success).toBe(false);
    expect(transformRuleSchema.safeParse({ type: "date", format: "yyyy-MM-dd'T'" }).success).toBe(true);
  });
});

describe("time zone arithmetic", () => {
  it("finds offsets through Intl", () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), "Europe/Berlin")).toBe(3_600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1), "Europe/Berlin")).toBe(7_200_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1), "Asia/Kolkata")).toBe(19_800_000);
  });

  it("resolves an ambiguous fall-back hour to its first occurrence", () => {
    const wall = { ...parseFormatted("2024-11-03 01:30", "yyyy-MM-dd HH:mm")! };
    expect(new Date(wallTimeToUtc(wall, "America/New_York")).toISOString()).toBe("2024-11-03T05:30:00.000Z");
  });
});
