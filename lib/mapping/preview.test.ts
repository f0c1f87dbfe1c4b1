import { describe, expect, it } from "vitest";
import { previewMapping, type EntityField } from "./index";

const fields: EntityField[] = [
  { key: "email", type: "string", required: true },
  { key: "age", type: "integer" },
];

describe("previewMapping", () => {
  it("maps the sample with one run, so unique is checked across it", () => {
    const preview = previewMapping(
      {
        fields: [
          { field: "email", source: "$.e", validations: [{ type: "unique" }] },
          { field: "age", source: "$.a" },
        ],
      },
      fields,
      [{ e: "a@x.io", a: "30" }, { e: "a@x.io", a: 31 }, { a: 1 }],
    );
    expect(preview).toEqual({
      ok: true,
      problems: {},
      mapped: [{ index: 0, data: { email: "a@x.io", age: 30 } }],
      rejected: [
        { index: 1, data: { age: 31 }, errors: [expect.objectContaining({ field: "email", rule: "unique" })] },
        { index: 2, data: { age: 1 }, errors: [expect.objectContaining({ field: "email", rule: "required" })] },
      ],
    });
  });

  it("leaves out the mappings that are not valid yet and reports why, previewing the rest", () => {
    const preview = previewMapping(
      {
        fields: [
          { field: "age", source: "$.a", transforms: [{ type: "multiply", by: Number.NaN }] },
          { field: "email", source: "$.e" },
          { field: "zip", source: "$.z" },
        ],
      },
      fields,
      [{ e: "b@x.io", a: 2 }],
    );
    expect(preview).toMatchObject({
      ok: true,
      mapped: [{ index: 0, data: { email: "b@x.io" } }],
      problems: { "fields.0.transforms.0.by": expect.any(String), "fields.2.field": "The entity has no field zip." },
    });
  });

  it("says so when there is no list of mappings at all", () => {
    expect(previewMapping({} as never, fields, [])).toMatchObject({ ok: false });
  });
});
