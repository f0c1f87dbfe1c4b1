import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { compileMapping, createRunState, validationRuleSchema, type EntityField, MAX_REGEX_INPUT } from "./index";
import { mapOne } from "./test-helpers";

const rejected = (result: ReturnType<typeof mapOne>) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.errors;
};

describe("validation rules", () => {
  it("required: rejects missing, null, empty text and empty lists, naming the path", () => {
    for (const missing of [undefined, null, "", []]) {
      expect(rejected(mapOne(missing, [], { validations: [{ type: "required" }] }))[0]).toMatchObject({ field: "f", rule: "required" });
    }
    expect(rejected(mapOne(undefined, [], { required: true }))[0]!.message).toBe("A value is required; nothing was found at $.v.");
    expect(mapOne(0, [], { validations: [{ type: "required" }] })).toEqual({ ok: true, value: 0 });
    expect(mapOne(false, [], { validations: [{ type: "required" }] })).toEqual({ ok: true, value: false });
  });

  it("skips the other rules for an empty optional value", () => {
    expect(
      mapOne(null, [], {
        type: "string",
        validations: [
          { type: "regex", pattern: "^x" },
          { type: "length", min: 3 },
        ],
      }),
    ).toEqual({
      ok: true,
      value: null,
    });
  });

  it("type: a value the field's type cannot hold is a type error", () => {
    expect(rejected(mapOne("abc", [], { type: "integer", validations: [{ type: "type" }] }))[0]).toMatchObject({
      rule: "type",
      value: "abc",
    });
    expect(mapOne("12", [], { type: "integer", validations: [{ type: "type" }] })).toEqual({ ok: true, value: 12 });
  });

  it("regex: matches anywhere unless anchored, with flags", () => {
    const email = { type: "regex", pattern: "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", flags: "i" } as const;
    expect(mapOne("Ada@Example.COM", [], { type: "string", validations: [email] }).ok).toBe(true);
    expect(rejected(mapOne("not-an-email", [], { type: "string", validations: [email] }))[0]).toMatchObject({
      rule: "regex",
      value: "not-an-email",
      message: expect.stringContaining("does not match the pattern"),
    });
    expect(mapOne(12345, [], { validations: [{ type: "regex", pattern: "^\\d{5}$" }] }).ok).toBe(true);
  });

  it("regex: hostile patterns run in linear time and unsupported ones are refused when saved", () => {
    const hostile = mapOne(`${"a".repeat(5000)}!`, [], { type: "string", validations: [{ type: "regex", pattern: "^(a+)+$" }] });
    expect(rejected(hostile)[0]!.rule).toBe("regex");
    expect(
      rejected(mapOne("x".repeat(MAX_REGEX_INPUT + 1), [], { type: "string", validations: [{ type: "regex", pattern: "x" }] }))[0]!.message,
    ).toMatch(/too long to check/);
    for (const pattern of ["(a)\\1", "(?=a)b", "(unclosed", "a{2,1}", "x".repeat(501)]) {
      const parsed = validationRuleSchema.safeParse({ type: "regex", pattern });
      expect(parsed.success, pattern).toBe(false);
    }
    expect(validationRuleSchema.safeParse({ type: "regex", pattern: "a", flags: "g" }).success).toBe(false);
    expect(validationRuleSchema.safeParse({ type: "regex", pattern: "a", flags: "ii" }).success).toBe(false);
  });

  it("enum: the value must be one of the listed ones", () => {
    expect(mapOne("EUR", [], { validations: [{ type: "enum", values: ["EUR", "USD"] }] }).ok).toBe(true);
    expect(rejected(mapOne("GBP", [], { validations: [{ type: "enum", values: ["EUR", "USD"] }] }))[0]).toMatchObject({
      rule: "enum",
      message: '"GBP" is not one of: EUR, USD.',
    });
  });

  it("min and max: numeric bounds, inclusive", () => {
    const bounds = {
      type: "number" as const,
      validations: [
        { type: "min" as const, value: 0 },
        { type: "max" as const, value: 100 },
      ],
    };
    expect(mapOne("0", [], bounds)).toEqual({ ok: true, value: 0 });
    expect(mapOne(100, [], bounds)).toEqual({ ok: true, value: 100 });
    expect(rejected(mapOne(-0.5, [], bounds))[0]).toMatchObject({ rule: "min", message: "-0.5 is below the minimum 0." });
    expect(rejected(mapOne(101, [], bounds))[0]).toMatchObject({ rule: "max", message: "101 is above the maximum 100." });
  });

  it("length: characters of text (not UTF-16 units) and items of lists", () => {
    expect(mapOne("😀😀", [], { type: "string", validations: [{ type: "length", max: 2 }] }).ok).toBe(true);
    expect(rejected(mapOne("ab", [], { type: "string", validations: [{ type: "length", min: 3 }] }))[0]).toMatchObject({
      rule: "length",
      message: "2 characters, fewer than the minimum 3.",
    });
    expect(rejected(mapOne([1, 2, 3], [], { type: "json", validations: [{ type: "length", max: 2 }] }))[0]!.message).toBe(
      "3 items, more than the maximum 2.",
    );
  });

  it("unique: a value seen earlier in the run is rejected; a rejected record does not claim its value", () => {
    const fields: EntityField[] = [
      { key: "email", type: "string" },
      { key: "age", type: "integer" },
    ];
    const mapping = compileMapping(
      {
        fields: [
          { field: "email", source: "$.email", transforms: [{ type: "lower" }], validations: [{ type: "unique" }] },
          { field: "age", source: "$.age", validations: [{ type: "min", value: 0 }] },
        ],
      },
      fields,
    );
    const run = createRunState();
    expect(mapping.apply({ email: "a@x.io", age: -1 }, run).ok).toBe(false);
    expect(mapping.apply({ email: "a@x.io", age: 30 }, run).ok).toBe(true);
    expect(mapping.apply({ email: "A@X.IO", age: 31 }, run)).toEqual({
      ok: false,
      data: { age: 31 },
      errors: [
        { field: "email", value: "a@x.io", rule: "unique", message: '"a@x.io" already appeared in this run; email must be unique.' },
      ],
    });
    expect(mapping.apply({ email: "a@x.io", age: 32 }, createRunState()).ok).toBe(true);
    expect(mapping.apply({ email: "a@x.io", age: 32 }).ok).toBe(true);
  });

  it("keeps every failing field's reasons, and the fields that did map", () => {
    const fields: EntityField[] = [
      { key: "id", type: "string", required: true },
      { key: "price", type: "number" },
      { key: "status", type: "enum", enum_values: ["open", "closed"] },
    ];
    const mapping = compileMapping(
      {
        fields: [
          { field: "id", source: "$.Id" },
          { field: "price", source: "$.Price", validations: [{ type: "min", value: 1 }] },
          { field: "status", source: "$.State" },
        ],
      },
      fields,
    );
    expect(mapping.apply({ Id: "u1", Price: "0.5", State: "Open" })).toEqual({
      ok: false,
      data: { id: "u1" },
      errors: [
        { field: "price", value: 0.5, rule: "min", message: "0.5 is below the minimum 1." },
        { field: "status", value: "Open", rule: "type", message: '"Open" is not one of: open, closed.' },
      ],
    });
  });

  it("caps long values kept in a reason", () => {
    const errors = rejected(mapOne("y".repeat(5000), [], { type: "string", validations: [{ type: "length", max: 10 }] }));
    expect((errors[0]!.value as string).length).toBeLessThanOrEqual(1001);
  });
});

describe("compileMapping refuses a config that does not fit the entity", () => {
  const fields: EntityField[] = [
    { key: "id", type: "string", required: true },
    { key: "name", type: "string" },
    { key: "status", type: "enum", enum_values: ["open", "closed"] },
  ];
  const problems = (config: unknown) => {
    try {
      compileMapping(config as never, fields);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
      return (error as AppError).fields;
    }
    throw new Error("compiled");
  };

  it("names unknown fields, duplicates, missing sources, misplaced rules and stray enum targets", () => {
    expect(
      problems({
        fields: [
          { field: "id", source: "$.id" },
          { field: "nope", source: "$.x" },
          { field: "name" },
          { field: "name", source: "$.n", validations: [{ type: "min", value: 1 }] },
          { field: "status", source: "$.s", transforms: [{ type: "value_map", map: { open: ["O"], shut: ["C"] } }] },
        ],
      }),
    ).toEqual({
      "fields.1.field": "The entity has no field nope.",
      "fields.2.source": "Pick a source path, or make the value with concat, template or default.",
      "fields.3.field": "name is mapped twice; keep one.",
      "fields.3.validations.0": "min applies to number and integer fields; use length for text.",
      "fields.4.transforms.0": "shut is not a value of status (open, closed).",
    });
  });

  it("asks for required fields that are not mapped", () => {
    expect(problems({ fields: [{ field: "name", source: "$.name" }] })).toEqual({ fields: "Map the required field id." });
  });

  it("reports malformed rules with their path", () => {
    expect(problems({ fields: [{ field: "id", source: "id", transforms: [{ type: "explode" }] }] })).toMatchObject({
      "fields.0.source": expect.stringContaining("JSON path"),
      "fields.0.transforms.0.type": expect.stringContaining("Choose a transformation"),
    });
  });
});
