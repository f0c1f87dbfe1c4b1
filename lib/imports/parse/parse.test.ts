import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectFormat, FileFormatError, parseRows, type ByteSource, type ParseOptions } from ".";

/** A file's bytes delivered in small chunks, so fields, characters and records straddle chunk boundaries. */
function chunked(bytes: Uint8Array, size = 7): ByteSource {
  return async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };
}

async function rows(bytes: Uint8Array, options: ParseOptions, size = 7) {
  const out = [];
  for await (const row of parseRows(chunked(bytes, size), options)) out.push(row);
  return out;
}

async function failure(bytes: Uint8Array, options: ParseOptions, size = 64 * 1024) {
  try {
    await rows(bytes, options, size);
  } catch (error) {
    expect(error).toBeInstanceOf(FileFormatError);
    return (error as Error).message;
  }
  throw new Error("expected the file to be refused");
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("CSV", () => {
  it("reads quoted fields with delimiters, quotes and newlines, a BOM and multibyte text, with spreadsheet row numbers", async () => {
    const text =
      '\uFEFFname,base_url,notes\n"Site, North","https://north.example.com","Line one\nline two ""quoted"""\nZürich Süd,https://zh.example.com,Grüße 日本\n';
    const parsed = await rows(utf8(text), { format: "csv" }, 3);
    expect(parsed).toEqual([
      { row: 2, values: { name: "Site, North", base_url: "https://north.example.com", notes: 'Line one\nline two "quoted"' } },
      { row: 3, values: { name: "Zürich Süd", base_url: "https://zh.example.com", notes: "Grüße 日本" } },
    ]);
  });

  it("detects semicolons and tabs, and reads Windows-1252", async () => {
    const semi = await rows(utf8("a;b;c\n1;2;3\n4;5;6\n"), { format: "csv" });
    expect(semi[1]).toEqual({ row: 3, values: { a: "4", b: "5", c: "6" } });
    const tabs = await rows(utf8("a\tb\n1,5\t2\n"), { format: "csv" });
    expect(tabs[0]!.values).toEqual({ a: "1,5", b: "2" });
    // "Café €5" in Windows-1252: é is 0xE9, € is 0x80; neither is valid UTF-8 on its own.
    const cp1252 = Buffer.concat([Buffer.from("name;price\n"), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x80, 0x35, 0x0a])]);
    expect((await rows(cp1252, { format: "csv" }))[0]!.values).toEqual({ name: "Café", price: "€5" });
  });

  it("refuses a binary renamed .csv, a 10,000-column file and one endless line", async () => {
    const binary = Buffer.alloc(2000);
    binary.write("garbage");
    expect(await failure(binary, { format: "csv" })).toMatch(/binary/);
    expect(await failure(Buffer.from("%PDF-1.7\n..."), { format: "csv" })).toMatch(/PDF/);
    const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",") + "\n";
    expect(await failure(utf8(wide), { format: "csv" })).toMatch(/10000 columns/);
    const line = Buffer.alloc(3 * 1024 * 1024, "x");
    expect(await failure(Buffer.concat([Buffer.from("a,b\n"), line]), { format: "csv" })).toMatch(/longer than 1 MB/);
  });
});

describe("XLSX", () => {
  it("reads shared strings, dates and formulas' cached values from the streamed sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sites");
    sheet.addRow(["Name", "Opened", "Units", "Total", "Active"]);
    sheet.addRow(["North", new Date(Date.UTC(2026, 0, 15)), 4, { formula: "C2*2", result: 8 }, true]);
    sheet.addRow(["North", new Date(Date.UTC(2026, 1, 1, 9, 30)), 5, { formula: "C3*2", result: 10 }, false]);
    sheet.getColumn(2).numFmt = "yyyy-mm-dd";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(detectFormat(bytes, "upload.bin")).toBe("xlsx");
    expect(await rows(bytes, { format: "xlsx" }, 1000)).toEqual([
      { row: 2, values: { Name: "North", Opened: "2026-01-15", Units: 4, Total: 8, Active: true } },
      { row: 3, values: { Name: "North", Opened: "2026-02-01T09:30:00.000Z", Units: 5, Total: 10, Active: false } },
    ]);
  });

  it("refuses a truncated workbook and text renamed .xlsx", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    for (let i = 0; i < 2000; i++) sheet.addRow([`name ${i}`, i, `more text ${i * 7}`]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await failure(bytes.subarray(0, Math.floor(bytes.length / 2)), { format: "xlsx" })).toMatch(/XLSX/);
    expect(await failure(utf8("a,b\n1,2\n"), { format: "xlsx" })).toMatch(/not an XLSX/);
  });
});

describe("JSON and NDJSON", () => {
  it("reads an array of nested objects and NDJSON lines", async () => {
    const array = utf8(
      JSON.stringify([
        { id: 1, site: { name: "North", tags: ["a", "b"] } },
        { id: 2, site: { name: "Süd" } },
      ]),
    );
    expect(await rows(array, { format: "json" }, 5)).toEqual([
      { row: 1, values: { id: 1, "site.name": "North", "site.tags": "a, b" } },
      { row: 2, values: { id: 2, "site.name": "Süd" } },
    ]);
    const ndjson = utf8('{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n');
    expect((await rows(ndjson, { format: "json" })).map((r) => r.values.name)).toEqual(["a", "b"]);
  });

  it("refuses broken JSON, scalars as records and a record that never ends", async () => {
    expect(await failure(utf8('[{"id":1},{"id":'), { format: "json" })).toMatch(/JSON/);
    expect(await failure(utf8("[1,2]"), { format: "json" })).toMatch(/not a JSON object/);
    const endless = Buffer.concat([Buffer.from('[{"a":"'), Buffer.alloc(3 * 1024 * 1024, "x")]);
    expect(await failure(endless, { format: "json" })).toMatch(/larger than 1 MB/);
  });
});

describe("XML", () => {
  it("reads nested records by the chosen element, attributes and CDATA included", async () => {
    const xml = utf8(
      '<?xml version="1.0"?><export><site id="7"><name>North &amp; Co</name><address><city>Zürich</city></address><note><![CDATA[a < b]]></note></site><site id="8"><name>South</name></site></export>',
    );
    expect(await rows(xml, { format: "xml" }, 9)).toEqual([
      { row: 1, values: { "@id": "7", name: "North & Co", "address.city": "Zürich", note: "a < b" } },
      { row: 2, values: { "@id": "8", name: "South" } },
    ]);
    const deeper = utf8("<a><meta>x</meta><list><item><v>1</v></item><item><v>2</v></item></list></a>");
    expect((await rows(deeper, { format: "xml", recordElement: "item" })).map((r) => r.values.v)).toEqual(["1", "2"]);
  });

  it("refuses an entity expansion bomb and malformed XML without expanding anything", async () => {
    const bomb = utf8(
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz><r>&lol3;</r></lolz>',
    );
    expect(await failure(bomb, { format: "xml" })).toMatch(/DOCTYPE/);
    expect(await failure(utf8("<a><r><x>1</r></a>"), { format: "xml" })).toMatch(/not well-formed/);
  });
});
