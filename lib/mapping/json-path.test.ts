import { describe, expect, it } from "vitest";
import { isJsonPath, jsonPathOf, jsonPathValues, parseJsonPath, setJsonPath } from "./json-path";

const doc = {
  Id: "x1",
  "unit price": 12,
  CustomerRef: { value: "c9", name: "Ada" },
  lines: [
    { amount: 1, tags: ["a"] },
    { amount: 2, detail: { amount: 20 } },
  ],
};

describe("JSONPath subset", () => {
  it("reads keys, quoted keys, indexes, wildcards and descendants", () => {
    expect(jsonPathValues(doc, "$.Id")).toEqual(["x1"]);
    expect(jsonPathValues(doc, "$['unit price']")).toEqual([12]);
    expect(jsonPathValues(doc, '$["CustomerRef"].value')).toEqual(["c9"]);
    expect(jsonPathValues(doc, "$.lines[1].amount")).toEqual([2]);
    expect(jsonPathValues(doc, "$.lines[*].amount")).toEqual([1, 2]);
    expect(jsonPathValues(doc, "$.CustomerRef.*")).toEqual(["c9", "Ada"]);
    expect(jsonPathValues(doc, "$..amount")).toEqual([1, 2, 20]);
    expect(jsonPathValues(doc, "$")).toEqual([doc]);
    expect(jsonPathValues(doc, "$.lines[5].amount")).toEqual([]);
    expect(jsonPathValues(doc, "$.Id.length")).toEqual([]);
    expect(jsonPathValues("text", "$[0]")).toEqual([]);
  });

  it("does not read inherited properties", () => {
    expect(jsonPathValues({}, "$.constructor")).toEqual([]);
    expect(jsonPathValues({ a: [] }, "$.a.length")).toEqual([]);
  });

  it("refuses what it does not understand rather than half-reading it", () => {
    for (const path of ["", "Id", "$.", "$..", "$[", "$['open", "$[-1]", "$[?(@.a)]", "$.a b", "$[1:2]", `$${".a".repeat(200)}`]) {
      expect(isJsonPath(path), path).toBe(false);
      expect(jsonPathValues(doc, path)).toEqual([]);
    }
    expect(parseJsonPath("$['it\\'s']")).toEqual([{ kind: "key", key: "it's" }]);
  });

  it("stops descending into absurdly deep documents", () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 10_000; i++) deep = { n: deep };
    expect(jsonPathValues(deep, "$..x")).toEqual([]);
  });

  it("builds paths that read back the same place", () => {
    const path = jsonPathOf(["lines", 0, "unit price", "it's"]);
    expect(path).toBe("$.lines[0]['unit price']['it\\'s']");
    expect(jsonPathValues({ lines: [{ "unit price": { "it's": 7 } }] }, path)).toEqual([7]);
  });

  it("writes values at singular paths only, creating containers on the way", () => {
    const target: Record<string, unknown> = {};
    expect(setJsonPath(target, "$.a.b[1].c", 5)).toBe(true);
    expect(target).toEqual({ a: { b: [undefined, { c: 5 }] } });
    expect(setJsonPath(target, "$.a[*]", 1)).toBe(false);
    expect(setJsonPath(target, "$..a", 1)).toBe(false);
    expect(setJsonPath(target, "$", 1)).toBe(false);
    expect(setJsonPath(target, "$.__proto__.x", 1)).toBe(false);
  });
});
