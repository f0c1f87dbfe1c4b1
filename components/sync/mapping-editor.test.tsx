import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EntityField, MappingConfig } from "@/lib/mapping";
import { MappingEditor } from "./mapping-editor";

const fields: EntityField[] = [
  { key: "id", type: "string", required: true, label: "Unit" },
  { key: "price", type: "number" },
];
const sample = [{ Id: "A-1", Price: "12.5" }, { Id: "A-2", Price: "n/a" }, { Price: "3" }];
const value: MappingConfig = {
  fields: [
    { field: "id", source: "$.Id", transforms: [], validations: [] },
    { field: "price", source: "$.Price", transforms: [{ type: "number" }], validations: [] },
  ],
};

describe("MappingEditor", () => {
  it("renders the sample, each field with labelled inputs, and the engine's preview of mapped and rejected records", () => {
    const html = renderToStaticMarkup(<MappingEditor fields={fields} sample={sample} value={value} onChange={() => {}} />);
    expect(html).toContain("Remote sample");
    expect(html).toContain("Use $.Id (&quot;A-1&quot;) for Unit");
    expect(html.match(/>Source path</g)).toHaveLength(2);
    expect(html).toContain("1 of 3 sample records mapped, 2 rejected.");
    expect(html).toContain("&quot;n/a&quot; is not a number.");
    expect(html).toContain("A value is required; nothing was found at $.Id.");
  });

  it("still previews a half-finished mapping and says what is missing", () => {
    const html = renderToStaticMarkup(
      <MappingEditor
        fields={fields}
        sample={sample}
        value={{ fields: [{ field: "price", source: "$.Price", transforms: [], validations: [] }] }}
        onChange={() => {}}
      />,
    );
    expect(html).toContain("Map the required field id.");
    expect(html).toContain("2 of 3 sample records mapped, 1 rejected.");
  });
});
