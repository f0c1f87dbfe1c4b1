import { SaxesParser } from "saxes";
import { flattenRecord } from "./flatten";
import { FileFormatError, RecordSizeGuard, type ByteSource, type Cell, type ParsedRow } from "./types";

type Node = { name: string; attributes: Record<string, string>; children: Node[]; text: string };

/** An element as a record: attributes as @name, leaf children as their text, nested ones by dotted path, repeats numbered. */
function nodeValues(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.attributes)) out[`@${k}`] = v;
  const counts = new Map<string, number>();
  for (const child of node.children) {
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    const key = n === 1 ? child.name : `${child.name}_${n}`;
    out[key] = child.children.length === 0 && Object.keys(child.attributes).length === 0 ? child.text.trim() : nodeValues(child);
  }
  if (node.children.length === 0 && node.text.trim()) out["#text"] = node.text.trim();
  return out;
}

/**
 * Records of an XML document: every element named `recordElement` (the root's first child's
 * name when not given). A DOCTYPE is refused: entities it declares are never expanded, and a
 * document that needs them is not data this import reads.
 */
export async function* xmlRows(open: ByteSource, options: { recordElement?: string }): AsyncGenerator<ParsedRow> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const queue: ParsedRow[] = [];
  const guard = new RecordSizeGuard("XML record");
  let record = options.recordElement ?? null;
  let depth = 0;
  let stack: Node[] = [];
  let row = 0;
  let failure: unknown = null;
  const fail = (message: string) => {
    failure ??= new FileFormatError(message);
  };
  parser.on("doctype", () => fail("The XML declares a DOCTYPE; documents with DTDs or entity declarations are not accepted."));
  parser.on("opentag", (tag) => {
    depth++;
    if (stack.length === 0) {
      if (record === null && depth === 2) record = tag.name;
      if (tag.name !== record) return;
    }
    stack.push({ name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: "" });
  });
  parser.on("text", (text) => {
    if (stack.length) stack[stack.length - 1]!.text += text;
  });
  parser.on("cdata", (text) => {
    if (stack.length) stack[stack.length - 1]!.text += text;
  });
  parser.on("closetag", () => {
    depth--;
    if (stack.length === 0) return;
    const node = stack.pop()!;
    if (stack.length) return void stack[stack.length - 1]!.children.push(node);
    row++;
    guard.record();
    queue.push({ row, values: flattenRecord(nodeValues(node)) as Record<string, Cell> });
  });
  parser.on("error", (error) => fail(`The XML is not well-formed: ${error.message.slice(0, 200)}`));
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of open()) {
    guard.fed(chunk.length);
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield* queue.splice(0);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield* queue.splice(0);
  stack = [];
  if (row === 0) throw new FileFormatError(record ? `The XML has no <${record}> elements.` : "The XML has no records.");
}
