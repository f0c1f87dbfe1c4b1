/**
 * The JSONPath subset status mapping needs: `$`, `.key`, `[*]` and `[n]`. Anything else is
 * refused when the path is saved, rather than half-understood when a response arrives.
 */
type Step = { kind: "key"; key: string } | { kind: "all" } | { kind: "index"; index: number };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[\*\]|\[(\d{1,6})\]|\.\*)/;

export function parseStatusPath(path: string): Step[] | null {
  if (!path.startsWith("$")) return null;
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return null;
    if (match[1] !== undefined) steps.push({ kind: "key", key: match[1] });
    else if (match[2] !== undefined) steps.push({ kind: "index", index: Number(match[2]) });
    else steps.push({ kind: "all" });
    rest = rest.slice(match[0].length);
  }
  return steps;
}

export function isStatusPath(path: string): boolean {
  return parseStatusPath(path) !== null;
}

/** Every value the path reaches; missing keys and out-of-range indexes reach nothing. */
export function selectValues(data: unknown, path: string): unknown[] {
  const steps = parseStatusPath(path);
  if (!steps) return [];
  let current: unknown[] = [data];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.kind === "key") {
        if (node && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, step.key)) {
          next.push((node as Record<string, unknown>)[step.key]);
        }
      } else if (step.kind === "index") {
        if (Array.isArray(node) && step.index < node.length) next.push(node[step.index]);
      } else if (Array.isArray(node)) {
        next.push(...node);
      } else if (node && typeof node === "object") {
        next.push(...Object.values(node));
      }
    }
    current = next;
  }
  return current;
}
