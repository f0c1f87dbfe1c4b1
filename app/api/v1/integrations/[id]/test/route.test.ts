import type http from "node:http";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, rowsOf } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { POST as postIntegration } from "../../route";
import { POST as postConnect } from "../connect/route";
import { POST as postCheck } from "../health/check/route";
import { GET as getLogs } from "../logs/route";
import { POST as postRefresh } from "../refresh-token/route";
import { POST as postTest } from "./route";

// The echo peer listens on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

// Spaces, quotes, backslashes, slashes, form-encoding specials and a non-ASCII letter: each encoding differs from the raw value.
const odd = (name: string) => `${name} ~!*'(x)/+="\\&é:42-secret-value`;
const API_KEY = odd("api-key");
const TOKEN = odd("bearer-token");
const USERNAME = "feed user";
const PASSWORD = odd("password");
const CLIENT_ID = "patchbay client";
const CLIENT_SECRET = odd("client-secret");
const ACCESS_TOKEN = odd("access-token");
const REFRESH_TOKEN = odd("refresh-token");

// How some JSON writers (Python's json.dumps, for one) spell non-ASCII: \uXXXX.
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
const form = (v: string) => new URLSearchParams({ v }).toString().slice(2);
const base64 = (v: string) => {
  const b = Buffer.from(v, "utf8");
  return [b.toString("base64"), b.toString("base64").replace(/=+$/, ""), b.toString("base64url")];
};

/** Every spelling of a secret an answer could carry it in; each also as a JSON string spells it. */
function spellings(secrets: string[], pairs: [string, string][]): string[] {
  const plain = secrets.flatMap((s) => [s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, "+"), form(s), ...base64(s)]);
  const basic = pairs.flatMap(([user, pass]) => [...base64(`${user}:${pass}`), ...base64(`${form(user)}:${form(pass)}`)]);
  return [...plain, ...basic].flatMap((v) => [v, JSON.stringify(v).slice(1, -1), asciiJson(v).slice(1, -1)]);
}

const NEEDLES = spellings(
  [API_KEY, TOKEN, PASSWORD, CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN],
  [
    [USERNAME, PASSWORD],
    [CLIENT_ID, CLIENT_SECRET],
  ],
);

const answers: string[] = [];
let consoleOutput: string[] = [];
beforeEach(() => {
  consoleOutput = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(" ")));
  }
});
afterEach(() => vi.restoreAllMocks());

type Echo = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * A provider that repeats the request it was sent (headers, URL, body) into every part of its
 * answer: status values, nested objects, keys, response headers, error bodies and the token
 * endpoint's error_description. `/status` answers 200 and 401 in turn; `/token` issues tokens
 * or refuses the client, as `tokens` says.
 */
const peer = loopbackPeers();
async function echoPeer(mode: { tokens: "issue" | "refuse" }) {
  let statusCalls = 0;
  const base = await peer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const echo: Echo = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      const values = [echo.url, echo.body, ...Object.values(echo.headers).flat()].filter((v): v is string => typeof v === "string");
      const reflected = { echo, nested: { deep: { echo, values } }, [echo.url]: values, ascii: asciiJson(echo) };
      const auth = String(req.headers.authorization ?? req.headers["x-feed-key"] ?? echo.url);
      // Header values are latin1 on the wire: what arrives as é is sent back the same way.
      const headers = { "content-type": "application/json", "x-echo-auth": auth, "x-echo-url": echo.url, "set-cookie": `s=${auth}` };
      if (echo.url.startsWith("/token")) {
        if (mode.tokens === "issue") {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: "Bearer", expires_in: 3600 }));
        } else {
          res.writeHead(401, headers);
          res.end(JSON.stringify({ error: `invalid_client ${values.join(" ")}`, error_description: JSON.stringify(echo), ...reflected }));
        }
        return;
      }
      statusCalls++;
      if (statusCalls % 2 === 0) {
        res.writeHead(401, headers).end(JSON.stringify({ error: echo, message: `denied: ${values.join(" ")}`, ...reflected }));
        return;
      }
      res.writeHead(200, headers).end(JSON.stringify({ items: values.map((status) => ({ status, note: status })), ...reflected }));
    });
  });
  return base;
}

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { body?: unknown; params?: object; method?: string } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", host: "localhost" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await res.text();
  answers.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function everyStoredRow(): Promise<string> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await db().execute(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`),
  );
  const dump: unknown[] = [];
  for (const t of tables)
    dump.push(t, rowsOf(await db().execute(sql`select * from ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`)));
  return JSON.stringify(dump);
}

function leaks(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

const STATUS = { status_endpoint: "/status", status_path: "$.items[*].status", retry_count: 0 };

const AUTH_TYPES = [
  { name: "an API key in a header", auth_type: "api_key", credentials: { api_key: API_KEY, api_key_header: "X-Feed-Key" } },
  { name: "an API key in the query", auth_type: "api_key", credentials: { api_key: API_KEY, api_key_param: "key" } },
  { name: "a bearer token", auth_type: "bearer", credentials: { token: TOKEN } },
  { name: "basic credentials", auth_type: "basic", credentials: { username: USERNAME, password: PASSWORD } },
] as const;

describe("no stored secret in any answer, log line or row, when the provider echoes the request", () => {
  it.each(AUTH_TYPES)("test connection, check now and the request log, with $name", async ({ auth_type, credentials }) => {
    answers.length = 0;
    const { key } = await createApiKey(await ownerContext(), { name: "Automation", scopes: ["integrations:read", "integrations:write"] });
    const base = await echoPeer({ tokens: "refuse" });
    const created = await call(postIntegration, key, "/integrations", {
      body: { name: "Echo", provider: "custom_rest", auth_type, base_url: base, credentials, config: STATUS },
    });
    expect(created.status).toBe(201);
    const params = { id: created.body.id as string };

    const ok = await call(postTest, key, `/integrations/${params.id}/test`, { params });
    expect(ok.body).toMatchObject({ success: true, status_code: 200 });
    expect(ok.body.mapped_statuses.unmapped.length).toBeGreaterThan(0);
    const denied = await call(postTest, key, `/integrations/${params.id}/test`, { params });
    expect(denied.body).toMatchObject({ success: false, status_code: 401 });
    await call(postCheck, key, `/integrations/${params.id}/health/check`, { params });
    await call(postCheck, key, `/integrations/${params.id}/health/check`, { params });
    const logs = await call(getLogs, key, `/integrations/${params.id}/logs`, { params, method: "GET" });
    // Both tests, and both checks (failures always, a success as the hour's sample).
    expect(logs.body.data.map((entry: { source: string }) => entry.source).sort()).toEqual(["health", "health", "test", "test"]);

    expect(leaks(answers.join("\n"))).toEqual([]);
    expect(leaks(consoleOutput.join("\n"))).toEqual([]);
    expect(leaks(await everyStoredRow())).toEqual([]);
  });

  it.each(["client_secret_basic", "client_secret_post"] as const)(
    "OAuth2 with %s: connect and refresh errors, then test connection and check now",
    async (clientAuth) => {
      answers.length = 0;
      const { key } = await createApiKey(await ownerContext(), { name: "Automation", scopes: ["integrations:read", "integrations:write"] });
      const mode: { tokens: "issue" | "refuse" } = { tokens: "refuse" };
      const base = await echoPeer(mode);
      const created = await call(postIntegration, key, "/integrations", {
        body: {
          name: "Echo OAuth",
          provider: "custom_oauth2",
          auth_type: "oauth2",
          base_url: base,
          credentials: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
          config: {
            ...STATUS,
            oauth: {
              authorize_url: `${base}/authorize`,
              token_url: `${base}/token`,
              scopes: ["read"],
              client_auth: clientAuth,
              grant_type: "client_credentials",
            },
          },
        },
      });
      expect(created.status).toBe(201);
      const params = { id: created.body.id as string };

      const refused = await call(postConnect, key, `/integrations/${params.id}/connect`, { params, body: {} });
      expect(refused.status).toBe(424);
      expect(refused.body.error.message).toMatch(/invalid_client/);
      expect(leaks(JSON.stringify(refused.body))).toEqual([]);

      mode.tokens = "issue";
      expect((await call(postConnect, key, `/integrations/${params.id}/connect`, { params, body: {} })).status).toBe(200);
      const ok = await call(postTest, key, `/integrations/${params.id}/test`, { params });
      expect(ok.body).toMatchObject({ success: true, status_code: 200 });
      const denied = await call(postTest, key, `/integrations/${params.id}/test`, { params });
      expect(denied.body).toMatchObject({ success: false, status_code: 401 });
      await call(postCheck, key, `/integrations/${params.id}/health/check`, { params });

      mode.tokens = "refuse";
      expect((await call(postRefresh, key, `/integrations/${params.id}/refresh-token`, { params, body: { force: true } })).status).toBe(
        424,
      );
      await call(getLogs, key, `/integrations/${params.id}/logs`, { params, method: "GET" });

      expect(leaks(answers.join("\n"))).toEqual([]);
      expect(leaks(consoleOutput.join("\n"))).toEqual([]);
      expect(leaks(await everyStoredRow())).toEqual([]);
    },
  );
});
