import { describe, expect, it } from "vitest";
import { compileMapping, type EntityField } from "./index";
import { mapOne } from "./test-helpers";

const value = (result: ReturnType<typeof mapOne>) => {
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.errors)}`);
  return result.value;
};
const reason = (result: ReturnType<typeof mapOne>) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.errors[0]!;
};

describe("text transformations", () => {
  it("trims, lowers and uppers text and leaves other values alone", () => {
    expect(value(mapOne("  Ada  ", [{ type: "trim" }]))).toBe("Ada");
    expect(value(mapOne("MiXeD", [{ type: "lower" }]))).toBe("mixed");
    expect(value(mapOne("MiXeD", [{ type: "upper" }]))).toBe("MIXED");
    expect(value(mapOne(42, [{ type: "trim" }, { type: "upper" }]))).toBe(42);
    expect(value(mapOne([" a ", "B "], [{ type: "trim" }, { type: "lower" }]))).toEqual(["a", "b"]);
  });

  it("applies rules in order", () => {
    expect(value(mapOne(" x ", [{ type: "upper" }, { type: "trim" }, { type: "value_map", map: { ok: ["X"] } }]))).toBe("ok");
  });
});

describe("number, integer and boolean", () => {
  it("reads numbers from numbers and numeric text, with either decimal separator", () => {
    expect(value(mapOne("12.50", [{ type: "number" }]))).toBe(12.5);
    expect(value(mapOne(" 1,234.5 ", [{ type: "number" }]))).toBe(1234.5);
    expect(value(mapOne("1.234,5", [{ type: "number", decimal: "," }]))).toBe(1234.5);
    expect(value(mapOne("-3e2", [{ type: "number" }]))).toBe(-300);
    expect(value(mapOne(7, [{ type: "number" }]))).toBe(7);
    expect(value(mapOne("", [{ type: "number" }]))).toBeNull();
  });

  it("rejects what is not a number, saying which value", () => {
    expect(reason(mapOne("12abc", [{ type: "number" }]))).toMatchObject({
      field: "f",
      value: "12abc",
      rule: "number",
      message: '"12abc" is not a number.',
    });
    expect(reason(mapOne(true, [{ type: "number" }])).rule).toBe("number");
    expect(reason(mapOne("1e999", [{ type: "number" }])).message).toMatch(/too large/);
  });

  it("reads whole numbers only: 12.5 is rejected rather than truncated", () => {
    expect(value(mapOne("42", [{ type: "integer" }]))).toBe(42);
    expect(value(mapOne(42.0, [{ type: "integer" }]))).toBe(42);
    expect(reason(mapOne("12.5", [{ type: "integer" }]))).toMatchObject({ rule: "integer", message: '"12.5" is not a whole number.' });
    expect(reason(mapOne(2 ** 60, [{ type: "integer" }])).message).toMatch(/too large/);
  });

  it("reads booleans from the usual spellings and rejects others", () => {
    for (const yes of [true, "true", "TRUE", "yes", "Y", "1", 1, "on"]) expect(value(mapOne(yes, [{ type: "boolean" }]))).toBe(true);
    for (const no of [false, "false", "No", "n", "0", 0, "off"]) expect(value(mapOne(no, [{ type: "boolean" }]))).toBe(false);
    expect(reason(mapOne("maybe", [{ type: "boolean" }]))).toMatchObject({ rule: "boolean", value: "maybe" });
    expect(reason(mapOne(2, [{ type: "boolean" }])).rule).toBe("boolean");
  });
});

describe("round and multiply", () => {
  it("rounds half away from zero without float surprises", () => {
    expect(value(mapOne(1.005, [{ type: "round", digits: 2 }]))).toBe(1.01);
    expect(value(mapOne("2.5", [{ type: "round" }]))).toBe(3);
    expect(value(mapOne(1234.5678, [{ type: "round", digits: 1 }]))).toBe(1234.6);
    expect(reason(mapOne("n/a", [{ type: "round" }])).rule).toBe("round");
  });

  it("multiplies without float noise (19.99 × 100 is 1999)", () => {
    expect(value(mapOne(19.99, [{ type: "multiply", by: 100 }]))).toBe(1999);
    expect(value(mapOne("0.1", [{ type: "multiply", by: 3 }]))).toBe(0.3);
    expect(value(mapOne(null, [{ type: "multiply", by: 3 }]))).toBeNull();
    expect(reason(mapOne("ten", [{ type: "multiply", by: 3 }])).rule).toBe("multiply");
  });
});

describe("default, value map, concat, split, template", () => {
  it("fills a default only when the value is missing, null or empty", () => {
    expect(value(mapOne(undefined, [{ type: "default", value: "EUR" }]))).toBe("EUR");
    expect(value(mapOne(null, [{ type: "default", value: 0 }]))).toBe(0);
    expect(value(mapOne("", [{ type: "default", value: "n/a" }]))).toBe("n/a");
    expect(value(mapOne("USD", [{ type: "default", value: "EUR" }]))).toBe("USD");
    expect(value(mapOne(0, [{ type: "default", value: 5 }]))).toBe(0);
  });

  it("maps spellings to targets, exactly or ignoring case, with a chosen fallback", () => {
    const map = { active: ["A", "Active"], inactive: ["I"] };
    expect(value(mapOne("A", [{ type: "value_map", map }]))).toBe("active");
    expect(value(mapOne("active", [{ type: "value_map", map }]))).toBe("active");
    expect(value(mapOne("ACTIVE", [{ type: "value_map", map }]))).toBe("ACTIVE");
    expect(value(mapOne("ACTIVE", [{ type: "value_map", map, case_insensitive: true }]))).toBe("active");
    expect(value(mapOne("Z", [{ type: "value_map", map, fallback: "null" }]))).toBeNull();
    expect(reason(mapOne("Z", [{ type: "value_map", map, fallback: "error" }]))).toMatchObject({
      rule: "value_map",
      value: "Z",
      message: '"Z" is not mapped to any value.',
    });
    expect(value(mapOne(1, [{ type: "value_map", map: { one: ["1"] } }]))).toBe("one");
  });

  it("concatenates several paths, skipping empty parts", () => {
    const fields: EntityField[] = [{ key: "name", type: "string" }];
    const mapping = compileMapping(
      { fields: [{ field: "name", transforms: [{ type: "concat", sources: ["$.first", "$.middle", "$.last"], separator: " " }] }] },
      fields,
    );
    expect(mapping.apply({ first: "Ada", middle: "", last: "Lovelace" })).toEqual({ ok: true, data: { name: "Ada Lovelace" } });
    expect(mapping.apply({ first: "Ada", last: 1815 })).toEqual({ ok: true, data: { name: "Ada 1815" } });
  });

  it("splits text into a list, or picks one part by index", () => {
    expect(value(mapOne("a,b,c", [{ type: "split", separator: "," }]))).toEqual(["a", "b", "c"]);
    expect(value(mapOne("Ada Lovelace", [{ type: "split", separator: " ", index: 1 }]))).toBe("Lovelace");
    expect(value(mapOne("single", [{ type: "split", separator: " ", index: 3 }]))).toBeNull();
    expect(reason(mapOne({ a: 1 }, [{ type: "split", separator: "," }])).rule).toBe("split");
  });

  it("fills a template from paths into the remote record", () => {
    const fields: EntityField[] = [{ key: "label", type: "string" }];
    const mapping = compileMapping(
      { fields: [{ field: "label", transforms: [{ type: "template", template: "{{$.unit.code}} – {{ $.floor }}F {{$.missing}}!" }] }] },
      fields,
    );
    expect(mapping.apply({ unit: { code: "A-101" }, floor: 3 })).toEqual({ ok: true, data: { label: "A-101 – 3F !" } });
  });
});

describe("coercion by the entity field's type", () => {
  it("turns numeric text into numbers for number and integer fields, and refuses lossy readings", () => {
    expect(value(mapOne("3.25", [], { type: "number" }))).toBe(3.25);
    expect(value(mapOne("7", [], { type: "integer" }))).toBe(7);
    expect(reason(mapOne("7.5", [], { type: "integer" }))).toMatchObject({ rule: "type", value: "7.5" });
    expect(reason(mapOne("seven", [], { type: "number" })).rule).toBe("type");
    expect(reason(mapOne([1], [], { type: "number" })).rule).toBe("type");
  });

  it("writes numbers and booleans as text for string fields but not objects", () => {
    expect(value(mapOne(12, [], { type: "string" }))).toBe("12");
    expect(value(mapOne(false, [], { type: "string" }))).toBe("false");
    expect(value(mapOne("", [], { type: "string" }))).toBe("");
    expect(reason(mapOne({ a: 1 }, [], { type: "string" }))).toMatchObject({ rule: "type", message: '{"a":1} is not text.' });
  });

  it("reads empty text as no value for typed fields", () => {
    expect(value(mapOne("", [], { type: "number" }))).toBeNull();
    expect(value(mapOne("", [], { type: "boolean" }))).toBeNull();
    expect(value(mapOne(undefined, [], { type: "date" }))).toBeNull();
  });

  it("checks enum fields against their values, exactly", () => {
    expect(value(mapOne("sold", [], { type: "enum", enum_values: ["available", "sold"] }))).toBe("sold");
    expect(reason(mapOne("Sold", [], { type: "enum", enum_values: ["available", "sold"] }))).toMatchObject({
      rule: "type",
      message: '"Sold" is not one of: available, sold.',
    });
  });

  it("normalises dates and datetimes given in ISO 8601", () => {
    expect(value(mapOne("2024-02-29", [], { type: "date" }))).toBe("2024-02-29");
    expect(reason(mapOne("2023-02-29", [], { type: "date" })).rule).toBe("type");
    expect(value(mapOne("2024-03-01T10:00:00+02:00", [], { type: "datetime" }))).toBe("2024-03-01T08:00:00.000Z");
    expect(value(mapOne("2024-03-01", [], { type: "datetime" }))).toBe("2024-03-01T00:00:00.000Z");
    expect(reason(mapOne(1709280000, [], { type: "datetime" })).message).toMatch(/unix or unix_ms/);
  });

  it("keeps anything JSON for json fields and maps wildcard paths to lists", () => {
    expect(value(mapOne({ deep: [1, { x: null }] }, [], { type: "json" }))).toEqual({ deep: [1, { x: null }] });
    const fields: EntityField[] = [{ key: "ids", type: "json" }];
    const mapping = compileMapping(
      { fields: [{ field: "ids", source: "$.lines[*].id", transforms: [{ type: "multiply", by: 10 }] }] },
      fields,
    );
    expect(mapping.apply({ lines: [{ id: 1 }, { id: 2 }] })).toEqual({ ok: true, data: { ids: [10, 20] } });
  });
});
