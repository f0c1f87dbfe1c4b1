import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES, compileMapping, editDistance, normaliseName, suggestMapping, type EntityField } from "./index";

describe("suggestMapping", () => {
  const fields: EntityField[] = [
    { key: "external_id", type: "string", required: true, label: "Id" },
    { key: "customer_ref", type: "string" },
    { key: "unit_price", type: "number" },
    { key: "status", type: "enum", enum_values: [...CANONICAL_STATUSES] },
    { key: "created_at", type: "datetime" },
    { key: "nothing_like_it", type: "string" },
  ];
  const sample = [
    {
      Id: "U-1",
      CustomerRef: { value: "c9" },
      UnitPrise: "12.5",
      Status: " Available",
      createdAt: "2024-01-01T00:00:00Z",
      extra: true,
    },
  ];

  it("matches names across case and separators, by label, and within a small edit distance", () => {
    const config = suggestMapping(fields, sample);
    expect(config.fields.map(({ field, source }) => [field, source])).toEqual([
      ["external_id", "$.Id"],
      ["customer_ref", "$.CustomerRef"],
      ["unit_price", "$.UnitPrise"],
      ["status", "$.Status"],
      ["created_at", "$.createdAt"],
    ]);
  });

  it("starts the status field with the default spellings and required fields with required", () => {
    const config = suggestMapping(fields, sample);
    const status = config.fields.find((f) => f.field === "status")!;
    expect(status.transforms.map((t) => t.type)).toEqual(["trim", "value_map"]);
    expect(config.fields[0]!.validations).toEqual([{ type: "required" }]);
  });

  it("gives a mapping the engine accepts and that maps the sample", () => {
    const mapping = compileMapping(suggestMapping(fields.slice(0, 5), sample), fields.slice(0, 5));
    const result = mapping.apply(sample[0]);
    expect(result).toMatchObject({ ok: false, errors: [{ field: "customer_ref", rule: "type" }] });
    expect(result.data).toEqual({ external_id: "U-1", unit_price: 12.5, status: "available", created_at: "2024-01-01T00:00:00.000Z" });
  });

  it("maps nothing from a sample that is not an object", () => {
    expect(suggestMapping(fields, "text")).toEqual({ fields: [] });
    expect(suggestMapping(fields, [])).toEqual({ fields: [] });
  });

  it("normalises names and measures edit distance", () => {
    expect(normaliseName("CustomerRef")).toBe("customerref");
    expect(normaliseName("customer-ref_")).toBe("customerref");
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
