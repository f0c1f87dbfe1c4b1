import { describe, expect, it } from "vitest";
import { compileMapping, jsonPathValues, type EntityField, type MappingConfig } from "@/lib/mapping";
import {
  addRule,
  formatDefaultValue,
  messagesFor,
  moveRule,
  newTransform,
  newValidation,
  parseDefaultValue,
  pickedPath,
  removeMapping,
  removeRule,
  replaceRule,
  setSource,
  textToValueMap,
  valueMapToText,
} from "./mapping-editor-model";
import { TRANSFORM_TYPES, VALIDATION_TYPES, transformRuleSchema, validationRuleSchema } from "@/lib/mapping/schema";

const empty: MappingConfig = { fields: [] };

describe("mapping editor model", () => {
  it("picks a path from the sample that reads back the clicked value", () => {
    const record = { "Unit No": "A-1", lines: [{ amount: 3 }, { amount: 4 }] };
    const path = pickedPath(["lines", 1, "amount"]);
    expect(path).toBe("$.lines[1].amount");
    expect(jsonPathValues(record, path)).toEqual([4]);
    expect(jsonPathValues(record, pickedPath(["Unit No"]))).toEqual(["A-1"]);
  });

  it("sets and clears a field's source without touching its rules or other fields", () => {
    let config = setSource(empty, "name", "$.Name");
    config = addRule(config, "name", "transforms", { type: "trim" });
    config = setSource(config, "id", " $.Id ");
    expect(config).toEqual({
      fields: [
        { field: "name", source: "$.Name", transforms: [{ type: "trim" }], validations: [] },
        { field: "id", source: "$.Id", transforms: [], validations: [] },
      ],
    });
    expect(setSource(config, "name", "").fields[0]).toEqual({ field: "name", transforms: [{ type: "trim" }], validations: [] });
    expect(removeMapping(config, "name").fields.map((f) => f.field)).toEqual(["id"]);
    expect(empty).toEqual({ fields: [] });
  });

  it("adds, replaces, reorders and removes rules; a move past the end changes nothing", () => {
    let config = addRule(empty, "price", "transforms", { type: "number" });
    config = addRule(config, "price", "transforms", { type: "multiply", by: 100 });
    config = addRule(config, "price", "validations", { type: "min", value: 0 });
    config = moveRule(config, "price", "transforms", 1, -1);
    expect(config.fields[0]!.transforms.map((r) => r.type)).toEqual(["multiply", "number"]);
    expect(moveRule(config, "price", "transforms", 0, -1)).toEqual(config);
    expect(moveRule(config, "price", "transforms", 1, 1)).toEqual(config);
    config = replaceRule(config, "price", "transforms", 0, { type: "multiply", by: 10 });
    config = removeRule(config, "price", "transforms", 1);
    expect(config.fields[0]).toEqual({
      field: "price",
      transforms: [{ type: "multiply", by: 10 }],
      validations: [{ type: "min", value: 0 }],
    });
  });

  it("starts every rule type with settings the schema accepts, except where the admin must type something", () => {
    const mustType = new Set(["concat", "template", "regex", "enum"]);
    for (const type of TRANSFORM_TYPES) expect(transformRuleSchema.safeParse(newTransform(type)).success, type).toBe(!mustType.has(type));
    for (const type of VALIDATION_TYPES)
      expect(validationRuleSchema.safeParse(newValidation(type)).success, type).toBe(!mustType.has(type));
  });

  it("reads value maps from lines and writes them back", () => {
    const map = textToValueMap("available: Open, Available\nsold:Sold\n\nhold\nsold: Closed");
    expect(map).toEqual({ available: ["Open", "Available"], sold: ["Sold", "Closed"], hold: [] });
    expect(textToValueMap(valueMapToText(map))).toEqual(map);
  });

  it("reads default values as JSON when they look like JSON, keeping text that only looks like it as text", () => {
    expect(parseDefaultValue("42")).toBe(42);
    expect(parseDefaultValue("true")).toBe(true);
    expect(parseDefaultValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseDefaultValue("EUR")).toBe("EUR");
    expect(parseDefaultValue("12 units")).toBe("12 units");
    expect(parseDefaultValue(formatDefaultValue("42"))).toBe("42");
    expect(parseDefaultValue(formatDefaultValue("EUR"))).toBe("EUR");
  });

  it("files config messages under the field mapping they belong to", () => {
    const problems = {
      "fields.0.source": "Pick a path.",
      "fields.1.transforms.0.by": "Enter a number.",
      "fields.10.field": "No.",
      fields: "Map id.",
    };
    expect(messagesFor(problems, 1)).toEqual([{ at: "transforms.0.by", message: "Enter a number." }]);
    expect(messagesFor(problems, 0)).toEqual([{ at: "source", message: "Pick a path." }]);
  });

  it("builds configs the engine compiles", () => {
    const fields: EntityField[] = [{ key: "price", type: "integer" }];
    let config = setSource(empty, "price", pickedPath(["Amount"]));
    config = addRule(config, "price", "transforms", { type: "multiply", by: 100 });
    expect(compileMapping(config, fields).apply({ Amount: "1.5" })).toEqual({ ok: true, data: { price: 150 } });
  });
});
