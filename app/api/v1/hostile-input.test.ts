import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { SCOPES } from "@/lib/api-keys/scopes";
import { createIntegration } from "@/lib/integrations";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { sendTestEvent } from "@/lib/webhooks/messages";
import { proxy } from "@/proxy";
import { ownerContext } from "@/tests/fixtures";
import { GET as getOpenApi } from "./openapi.json/route";

/**
 * The standing bad-input sweep: every operation the OpenAPI document lists, called in-process
 * through its own route module with a key holding every scope, gets a fixed set of hostile
 * inputs. Any 5xx, or any error body not in DESIGN §3's shape, fails. A new route is swept as
 * soon as the document lists it (document.test.ts already fails when a route is not listed).
 */

type Parameter = { name: string; in: "path" | "query" | "header"; schema?: { type?: string } };
type OperationObject = {
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema?: JsonSchema; example?: unknown } } };
};
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema> };
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Probe = { label: string; params: Record<string, string>; query?: string; body?: string; headers?: Record<string, string> };

const HUGE = "x".repeat(100_000);
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const MISSING_UUID = "7d9f1c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f";
// Where a valid-looking body could make the server call out, it may only ever reach loopback.
const LOOPBACK_URL = "https://127.0.0.1:9/sweep";

const BAD_STRINGS: [string, string][] = [
  ["NUL", "a\u0000b"],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "\udfff"],
  ["huge string", HUGE],
  ["empty string", ""],
  ["path traversal", "../../etc/passwd"],
  ["percent garbage", "%FF%FE%"],
];
const WRONG_TYPES: [string, unknown][] = [
  ["null", null],
  ["number", 12345],
  ["negative", -1],
  ["fraction", 1.5],
  ["huge number", 1e308],
  ["boolean", true],
  ["array", ["x"]],
  ["object", { x: 1 }],
  ["deep nesting", JSON.parse("[".repeat(40) + "]".repeat(40))],
];
const RAW_BODIES: [string, string, Record<string, string>?][] = [
  ["not JSON", "not json"],
  ["truncated JSON", '{"name":'],
  ["JSON null", "null"],
  ["JSON array", "[]"],
  ["JSON string", '"text"'],
  ["JSON number", "1e999"],
  ["raw NUL", "\u0000"],
  ["byte order mark", "\ufeff{}"],
  ["prototype keys", '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ["bad key NUL", '{"k\\u0000":1}'],
  ["bad key surrogate", '{"\\ud800":1}'],
  ["nesting 50 000 deep", "[".repeat(50_000) + "]".repeat(50_000)],
  ["over 1 MB", JSON.stringify({ name: "x".repeat(1_100_000) })],
  ["JSON sent as text/plain", "{}", { "content-type": "text/plain" }],
  ["form-encoded", "name=x", { "content-type": "application/x-www-form-urlencoded" }],
];
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
const BAD_QUERY_VALUES: [string, string][] = [
  ["NUL", "%00"],
  ["NUL inside", "a%00b"],
  ["encoded lone surrogate", "%ED%A0%80"],
  ["invalid UTF-8", "%FF%FE"],
  ["stray percent", "%"],
  ["huge", "x".repeat(20_000)],
  ["negative", "-1"],
  ["zero", "0"],
  ["overflow", "1e400"],
  ["word", "abc"],
  ["array syntax", "[]"],
  ["bad date", "2026-13-45T99:99:99Z"],
  ["cursor not base64 JSON", "!!!"],
  ["cursor of an object", cursorOf({ a: 1 })],
  ["cursor of the wrong arity", cursorOf(["x"])],
  ["cursor of nulls", cursorOf([null, null, null])],
  ["cursor rank out of range", cursorOf([9999999999, "x", MISSING_UUID])],
  ["cursor year 0", cursorOf(["0000-01-01T00:00:00Z", MISSING_UUID])],
  ["cursor holding NUL", cursorOf(["\u0000", MISSING_UUID])],
  ["cursor with a bad uuid", cursorOf(["x", "not-a-uuid"])],
  ["cursor holding a lone surrogate", cursorOf(["\ud800", MISSING_UUID])],
];
const BAD_IDS: [string, string][] = [
  ["not a uuid", "not-a-uuid"],
  ["zero uuid", ZERO_UUID],
  ["missing uuid", MISSING_UUID],
  ["NUL", "\u0000"],
  ["lone surrogate", "\ud800"],
  ["huge", HUGE],
  ["undecoded percent garbage", "%FF%FE"],
  ["injection", "1' OR '1'='1"],
];

/** app/api/v1/<path with {x} as [x]>/route.ts, the file Next.js routes the operation to. */
async function handlerFor(opPath: string, method: string): Promise<Handler> {
  const segments = opPath
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/^\{(\w+)\}$/, "[$1]"));
  const mod = (await import(path.join(process.cwd(), "app", "api", "v1", ...segments, "route.ts"))) as Record<string, Handler>;
  const handler = mod[method.toUpperCase()];
  if (!handler) throw new Error(`${method.toUpperCase()} ${opPath} is in the document but its route module does not export it`);
  return handler;
}

function toLoopback(value: unknown): unknown {
  if (typeof value === "string") return /^https?:\/\//.test(value) ? LOOPBACK_URL : value;
  if (Array.isArray(value)) return value.map(toLoopback);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toLoopback(v)]));
  return value;
}

/** Every place in the example a value sits, as key paths (array elements included). */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leafPaths(v, [...at, i])) : [at];
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length ? [...(at.length ? [at] : []), ...entries.flatMap(([k, v]) => leafPaths(v, [...at, k]))] : [at];
  }
  return [at];
}

function withValue(base: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = value;
  return copy;
}

function bodyProbes(op: OperationObject): Omit<Probe, "params">[] {
  const content = op.requestBody?.content["application/json"];
  if (!content) return [];
  const base = (toLoopback(content.example) ?? {}) as Record<string, unknown>;
  const probes: Omit<Probe, "params">[] = [
    { label: "example body", body: JSON.stringify(base) },
    { label: "empty object", body: "{}" },
    { label: "extra field", body: JSON.stringify({ ...base, zz_unexpected: HUGE }) },
  ];
  for (const [label, body, headers] of RAW_BODIES) probes.push({ label: `body ${label}`, body, headers });
  for (const key of Object.keys(base)) {
    const rest = { ...base };
    delete rest[key];
    probes.push({ label: `missing ${key}`, body: JSON.stringify(rest) });
  }
  // Fields the schema knows but the example leaves out get the same treatment.
  const declared = Object.keys(content.schema?.properties ?? {})
    .filter((k) => !(k in base))
    .map((k) => [k]);
  for (const at of [...leafPaths(base).filter((p) => p.length > 0), ...declared]) {
    const name = at.join(".");
    for (const [label, value] of [...BAD_STRINGS, ...WRONG_TYPES]) {
      probes.push({ label: `${name} = ${label}`, body: JSON.stringify(withValue(base, at, value)) });
    }
  }
  for (const at of leafPaths(base).filter((p) => p.length > 0)) {
    const parent = at.slice(0, -1);
    probes.push({ label: `NUL in a key beside ${at.join(".")}`, body: JSON.stringify(withValue(base, [...parent, "k\u0000"], 1)) });
  }
  return probes;
}

function queryProbes(op: OperationObject): Omit<Probe, "params">[] {
  const names = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const probes: Omit<Probe, "params">[] = [
    { label: "unknown query parameter", query: "zz_unexpected=1" },
    { label: "NUL in an unknown parameter's name", query: "a%00b=1" },
  ];
  for (const name of names) {
    for (const [label, value] of BAD_QUERY_VALUES) probes.push({ label: `?${name} ${label}`, query: `${name}=${value}` });
    probes.push({ label: `?${name} repeated`, query: `${name}=1&${name}=2` });
  }
  return probes;
}

type Counts = { operations: number; requests: number; statuses: Record<number, number> };

function problemWith(status: number, contentType: string | null, text: string): string | null {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType?.includes("application/json")) return `answered ${status} as ${contentType}: ${text.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const shape = body as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  const error = shape?.error;
  const standard =
    Object.keys(shape ?? {}).join() === "error" &&
    typeof error === "object" &&
    error !== null &&
    Object.keys(error).every((k) => ["code", "message", "fields"].includes(k)) &&
    typeof error.code === "string" &&
    typeof error.message === "string" &&
    error.message.length > 0 &&
    (error.fields === undefined ||
      (typeof error.fields === "object" && error.fields !== null && Object.values(error.fields).every((v) => typeof v === "string")));
  return standard ? null : `answered ${status} with an error body not in the standard shape: ${text.slice(0, 300)}`;
}

describe("hostile input sweep over every operation in /api/v1/openapi.json", () => {
  it("never answers 5xx, and every error is the standard error body", { timeout: 180_000 }, async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, {
      name: "Sweep",
      scopes: [...SCOPES],
      rate_limit_per_minute: 100_000,
      rate_limit_per_hour: 100_000,
    });
    const target = await createApiKey(owner, { name: "Sweep target", scopes: ["integrations:read"] });
    const integration = await createIntegration(owner, {
      name: "Sweep integration",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://127.0.0.1:9",
      credentials: { token: "sweep-token-1234567890" },
      config: { status_endpoint: "/status" },
    });
    // No worker runs in this process, so nothing is ever delivered to this address.
    const endpoint = await createEndpoint(owner, { url: "https://hooks.example.com/patchbay", events: ["integration.created"] });
    const delivery = await sendTestEvent(owner, endpoint.id);
    // Real ids reach the validation behind the ownership check; DELETE only ever gets bad ones.
    const realIdFor = (opPath: string) =>
      opPath.startsWith("/integrations/")
        ? integration.id
        : opPath.startsWith("/webhooks/deliveries/")
          ? delivery.id
          : opPath.startsWith("/webhooks/")
            ? endpoint.id
            : opPath.startsWith("/api-keys/")
              ? target.id
              : MISSING_UUID;

    const document = (await (await getOpenApi(new Request("http://localhost/api/v1/openapi.json"))).json()) as {
      paths: Record<string, Record<string, OperationObject>>;
    };
    const counts: Counts = { operations: 0, requests: 0, statuses: {} };
    const failures: string[] = [];

    for (const [opPath, operations] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        counts.operations++;
        const handler = await handlerFor(opPath, method);
        const paramNames = [...opPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const realParams = Object.fromEntries(paramNames.map((n) => [n, realIdFor(opPath)]));
        const probes: Probe[] = [];
        const inputs = [{ label: "no input" }, ...bodyProbes(op), ...queryProbes(op)];
        if (method !== "delete" || paramNames.length === 0) for (const input of inputs) probes.push({ ...input, params: realParams });
        for (const name of paramNames) {
          for (const [label, value] of BAD_IDS) {
            const example = bodyProbes(op)[0];
            probes.push({ label: `{${name}} ${label}`, params: { ...realParams, [name]: value }, body: example?.body });
          }
        }
        if (method === "post" && op.security === undefined) {
          probes.push({ label: "Idempotency-Key too long", params: realParams, headers: { "idempotency-key": "k".repeat(300) } });
        }

        for (const probe of probes) {
          const concrete = opPath.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(probe.params[n]!.toWellFormed()));
          const hasBody = method !== "get" && method !== "delete" && probe.body !== undefined;
          const req = new Request(`http://localhost/api/v1${concrete}${probe.query ? `?${probe.query}` : ""}`, {
            method: method.toUpperCase(),
            headers: {
              authorization: `Bearer ${key}`,
              "x-forwarded-for": "203.0.113.7",
              ...(hasBody ? { "content-type": "application/json" } : {}),
              ...probe.headers,
            },
            body: hasBody ? probe.body : undefined,
          });
          let status: number;
          let text: string;
          let contentType: string | null;
          try {
            const res = await handler(req, { params: Promise.resolve(probe.params) });
            status = res.status;
            contentType = res.headers.get("content-type");
            text = await res.text();
          } catch (error) {
            status = 599;
            contentType = null;
            text = `threw ${String(error)}`;
          }
          counts.requests++;
          counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
          const problem = problemWith(status, contentType, text);
          if (problem) failures.push(`${method.toUpperCase()} ${opPath} [${probe.label}] ${problem}`);
        }

        // Percent-encoding that does not decode never reaches a route: the proxy answers first.
        const undecodable = paramNames.length ? opPath.replace(/\{(\w+)\}/g, "%FF%FE") : `${opPath}/%FF%FE`;
        const res = await proxy(new NextRequest(`http://localhost/api/v1${undecodable}`, { method: method.toUpperCase() }));
        counts.requests++;
        counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
        const problem =
          res.status === 400 ? problemWith(res.status, res.headers.get("content-type"), await res.text()) : `proxy answered ${res.status}`;
        if (problem) failures.push(`${method.toUpperCase()} ${opPath} [undecodable path] ${problem}`);
      }
    }

    console.info(
      `hostile input sweep: ${counts.operations} operations, ${counts.requests} requests, statuses ${JSON.stringify(counts.statuses)}`,
    );
    expect(counts.operations).toBe(Object.values(document.paths).flatMap((ops) => Object.keys(ops)).length);
    expect(failures).toEqual([]);
  });
});
