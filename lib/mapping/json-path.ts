/**
 * The JSONPath subset the rules engine and the status mapping share: `$`, `.key`, `['key']`,
 * `[n]`, `[*]`, `.*` and `..key` / `..*`. Anything else is refused when a path is saved, rather
 * than half-understood when a response arrives.
 */
export type PathStep =
  { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" } | { kind: "descend"; key: string | null };

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;
const MAX_PATH = 300;
/** `..key` walks the whole value; past this depth a hostile document is not worth following. */
const MAX_DESCENT_DEPTH = 64;

const cache = new Map<string, PathStep[] | null>();

export function parseJsonPath(path: string): PathStep[] | null {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const steps = parse(path);
  if (cache.size > 1000) cache.clear();
  cache.set(path, steps);
  return steps;
}

function parse(path: string): PathStep[] | null {
  if (typeof path !== "string" || path.length > MAX_PATH || !path.startsWith("$")) return null;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith("..")) {
      if (rest[2] === "*") {
        steps.push({ kind: "descend", key: null });
        i += 3;
        continue;
      }
      const name = IDENTIFIER.exec(rest.slice(2));
      if (!name) return null;
      steps.push({ kind: "descend", key: name[0] });
      i += 2 + name[0].length;
    } else if (rest.startsWith(".")) {
      if (rest[1] === "*") {
        steps.push({ kind: "all" });
        i += 2;
        continue;
      }
      const name = IDENTIFIER.exec(rest.slice(1));
      if (!name) return null;
      steps.push({ kind: "key", key: name[0] });
      i += 1 + name[0].length;
    } else if (rest.startsWith("[*]")) {
      steps.push({ kind: "all" });
      i += 3;
    } else if (/^\[\d/.test(rest)) {
      const index = /^\[(\d{1,6})\]/.exec(rest);
      if (!index) return null;
      steps.push({ kind: "index", index: Number(index[1]) });
      i += index[0].length;
    } else if (rest.startsWith("['") || rest.startsWith('["')) {
      const quote = rest[1];
      let key = "";
      let j = 2;
      for (; j < rest.length && rest[j] !== quote; j++) {
        if (rest[j] === "\\") {
          j++;
          if (j >= rest.length) return null;
        }
        key += rest[j];
      }
      if (rest[j] !== quote || rest[j + 1] !== "]") return null;
      steps.push({ kind: "key", key });
      i += j + 2;
    } else {
      return null;
    }
  }
  return steps;
}

export function isJsonPath(path: string): boolean {
  return parseJsonPath(path) !== null;
}

const isObject = (node: unknown): node is Record<string, unknown> => node !== null && typeof node === "object" && !Array.isArray(node);

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node;
  if (isObject(node)) return Object.values(node);
  return [];
}

function descend(node: unknown, key: string | null, out: unknown[], depth: number): void {
  if (depth > MAX_DESCENT_DEPTH) return;
  if (key === null) {
    for (const child of children(node)) {
      out.push(child);
      descend(child, key, out, depth + 1);
    }
    return;
  }
  if (isObject(node) && Object.hasOwn(node, key)) out.push(node[key]);
  for (const child of children(node)) descend(child, key, out, depth + 1);
}

/** Every value the path reaches, in document order; missing keys and out-of-range indexes reach nothing. */
export function jsonPathValues(value: unknown, path: string): unknown[] {
  const steps = parseJsonPath(path);
  if (!steps) return [];
  let current: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.kind === "key") {
        if (isObject(node) && Object.hasOwn(node, step.key)) next.push(node[step.key]);
      } else if (step.kind === "index") {
        if (Array.isArray(node) && step.index < node.length) next.push(node[step.index]);
      } else if (step.kind === "all") {
        next.push(...children(node));
      } else {
        descend(node, step.key, next, 0);
      }
    }
    current = next;
  }
  return current;
}

/** Whether the path names at most one place (only keys and indexes), so a value can be written back there. */
export function isSingularPath(path: string): boolean {
  const steps = parseJsonPath(path);
  return steps !== null && steps.every((step) => step.kind === "key" || step.kind === "index");
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Writes `value` at a singular path inside `target`, creating objects and arrays on the way.
 * Returns false (and writes nothing) for a wildcard path or one that would touch the prototype.
 */
export function setJsonPath(target: Record<string, unknown>, path: string, value: unknown): boolean {
  const steps = parseJsonPath(path);
  if (!steps || steps.length === 0 || !isSingularPath(path)) return false;
  if (steps.some((step) => step.kind === "key" && UNSAFE_KEYS.has(step.key))) return false;
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Extract<PathStep, { kind: "key" | "index" }>;
    const slot = step.kind === "key" ? step.key : step.index;
    const container = node as Record<string | number, unknown>;
    if (i === steps.length - 1) {
      container[slot] = value;
      return true;
    }
    const nextStep = steps[i + 1]!;
    let child = container[slot];
    if (child === null || typeof child !== "object") {
      child = nextStep.kind === "index" ? [] : {};
      container[slot] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  }
  return true;
}

/** The path of a place reached by keys and indexes, e.g. ["lines", 0, "unit price"] → $.lines[0]['unit price']. */
export function jsonPathOf(segments: readonly (string | number)[]): string {
  let path = "$";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += `.${segment}`;
    else path += `['${segment.replace(/[\\']/g, (c) => `\\${c}`)}']`;
  }
  return path;
}
