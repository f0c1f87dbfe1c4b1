import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth, so two records that differ only in key order are the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** What `records.hash` holds: an unchanged record hashes the same, whatever order its keys arrived in. */
export function recordHash(data: unknown): string {
  return createHash("sha256").update(canonicalJson(data)).digest("base64url");
}
