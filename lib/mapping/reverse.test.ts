import { describe, expect, it } from "vitest";
import { compileMapping, type EntityField, type MappingConfigInput } from "./index";

const fields: EntityField[] = [
  { key: "id", type: "string", required: true },
  { key: "status", type: "enum", enum_values: ["available", "sold"] },
  { key: "price_cents", type: "integer" },
  { key: "listed_on", type: "date" },
  { key: "updated_at", type: "datetime" },
  { key: "tags", type: "json" },
  { key: "active", type: "boolean" },
  { key: "label", type: "string" },
  { key: "code", type: "string" },
];

const config: MappingConfigInput = {
  fields: [
    { field: "id", source: "$.Id" },
    {
      field: "status",
      source: "$.Status['Name']",
      transforms: [{ type: "value_map", map: { available: ["Open", "Available"], sold: ["Sold"] } }],
    },
    { field: "price_cents", source: "$.Pricing.Amount", transforms: [{ type: "number" }, { type: "multiply", by: 100 }] },
    { field: "listed_on", source: "$.ListedOn", transforms: [{ type: "date", format: "dd/MM/yyyy" }] },
    {
      field: "updated_at",
      source: "$.Modified",
      transforms: [{ type: "datetime", format: "yyyy-MM-dd HH:mm:ss", time_zone: "Europe/Berlin" }],
    },
    { field: "tags", source: "$.Tags", transforms: [{ type: "split", separator: ";" }] },
    { field: "active", source: "$.Flags[0]", transforms: [{ type: "boolean" }] },
    { field: "label", transforms: [{ type: "template", template: "{{$.Id}}: {{$.Status.Name}}" }] },
    { field: "code", source: "$.Code", transforms: [{ type: "trim" }, { type: "upper" }] },
  ],
};

describe("reverse: entity data back to the remote shape for pushes", () => {
  const mapping = compileMapping(config, fields);
  const remote = {
    Id: "U-1",
    Status: { Name: "Open" },
    Pricing: { Amount: "19.99" },
    ListedOn: "31/12/2024",
    Modified: "2024-07-15 09:30:00",
    Tags: "sea view;corner",
    Flags: [true],
    Code: " ab1 ",
  };

  it("maps a remote record in", () => {
    expect(mapping.apply(remote)).toEqual({
      ok: true,
      data: {
        id: "U-1",
        status: "available",
        price_cents: 1999,
        listed_on: "2024-12-31",
        updated_at: "2024-07-15T07:30:00.000Z",
        tags: ["sea view", "corner"],
        active: true,
        label: "U-1: Open",
        code: "AB1",
      },
    });
  });

  it("writes each field back at its path, inverting value maps, multiplication, formats and zones, splits", () => {
    const data = (mapping.apply(remote) as { data: Record<string, unknown> }).data;
    expect(mapping.reverse(data)).toEqual({
      Id: "U-1",
      Status: { Name: "Open" },
      Pricing: { Amount: 19.99 },
      ListedOn: "31/12/2024",
      Modified: "2024-07-15 09:30:00",
      Tags: "sea view;corner",
      Flags: [true],
      Code: "AB1",
    });
  });

  it("round-trips: what reverse writes maps in to the same data", () => {
    const data = (mapping.apply(remote) as { data: Record<string, unknown> }).data;
    expect(mapping.apply(mapping.reverse(data))).toEqual({ ok: true, data });
    const winter = { ...data, updated_at: "2024-01-15T08:30:00.000Z", status: "sold", price_cents: 5 };
    const pushed = mapping.reverse(winter);
    expect(pushed).toMatchObject({ Modified: "2024-01-15 09:30:00", Status: { Name: "Sold" }, Pricing: { Amount: 0.05 } });
    expect(mapping.apply(pushed)).toEqual({ ok: true, data: { ...winter, label: "U-1: Sold" } });
  });

  it("leaves out fields the data does not have and values made from other paths", () => {
    expect(mapping.reverse({ id: "U-2", label: "made up" })).toEqual({ Id: "U-2" });
  });

  it("never writes through wildcard paths or onto the prototype", () => {
    const odd = compileMapping(
      {
        fields: [
          { field: "id", source: "$.items[*].id" },
          { field: "code", source: "$['__proto__'].polluted" },
        ],
      },
      fields,
    );
    expect(odd.reverse({ id: "x", code: "y" })).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("writes epoch formats back as numbers and ISO datetimes with the zone's offset", () => {
    const epoch = compileMapping(
      {
        fields: [
          { field: "id", source: "$.id" },
          { field: "updated_at", source: "$.ts", transforms: [{ type: "datetime", format: "unix" }] },
          { field: "listed_on", source: "$.on", transforms: [{ type: "datetime", time_zone: "America/New_York" }] },
        ],
      },
      [
        { key: "id", type: "string" },
        { key: "updated_at", type: "datetime" },
        { key: "listed_on", type: "datetime" },
      ],
    );
    expect(epoch.reverse({ id: "1", updated_at: "2024-07-04T00:00:00.000Z", listed_on: "2024-07-04T16:00:00.000Z" })).toEqual({
      id: "1",
      ts: 1720051200,
      on: "2024-07-04T12:00:00.000-04:00",
    });
    const back = epoch.apply({ id: "1", ts: 1720051200, on: "2024-07-04T12:00:00.000-04:00" });
    expect(back).toEqual({ ok: true, data: { id: "1", updated_at: "2024-07-04T00:00:00.000Z", listed_on: "2024-07-04T16:00:00.000Z" } });
  });
});
