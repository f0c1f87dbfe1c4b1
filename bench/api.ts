/**
 * `npm run bench:api`: what authentication + rate limiting cost on GET /api/v1/integrations/{id}.
 *
 * In-process (default): drives the production route handler (API key → scope → leased rate
 * limit → handler) and, as the baseline, the same handler body answering the same JSON without
 * the guard, at a fixed concurrency against the same database, so HTTP and Next's routing
 * (identical for both) do not blur the difference.
 *
 * Over HTTP (`--http`): builds the bench build (`.next-bench`, rebuilt when the sources are
 * newer; next.config.ts) — the production build plus one bench-only route answering the same
 * JSON without the guard — serves it from this process (Next's own request handler on a
 * loopback port) and drives both routes through real HTTP with keep-alive connections; that
 * ratio is the figure. The same JSON from a plain node handler shows what Next itself
 * costs, for scale.
 *
 * Each run measures twice against the same baseline: with an API key, then with an OAuth access
 * token (client credentials, lib/oauth-server), which takes the same guard through its own resolver.
 *
 * Both then time 401s for a malformed key, an unknown key and a known key with a wrong secret,
 * interleaved, from a new address each (so the per-address guess limit stays out of the way).
 *
 *   npm run bench:api -- [--http] [--seconds 10] [--concurrency 16]
 *   DATABASE_URL=postgres://… npm run bench:api     (PostgreSQL instead of in-memory PGlite)
 */
// Next's own server entry loads this first (AsyncLocalStorage on globalThis); the --http run
// imports app code before Next, so it must come first here too.
import "next/dist/server/node-environment";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { NextResponse } from "next/server";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { generateKeyString, withChecksum } from "@/lib/api-keys/format";
import { flushKeyUsage } from "@/lib/api-keys/usage";
import { createOAuthClient } from "@/lib/oauth-server/clients";
import { tokenEndpoint } from "@/lib/oauth-server/server";
import { flushScopeUsage } from "@/lib/oauth-server/usage";
import { stopJobs } from "@/lib/jobs/boss";
import { createIntegration, getIntegration, type CreateIntegrationInput } from "@/lib/integrations";
import { bootstrap, findMembership } from "@/lib/tenancy";
import { buildIsStale, runNextBuild } from "@/cli/build";
import { measureCost, percentile } from "./measure";

const { values } = parseArgs({
  options: {
    http: { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

// Settings are read lazily on first use, so setting them here, before main() runs, is in time.
if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";
process.env.PATCHBAY_IN_PROCESS_WORKERS = "false";
if (values.http) Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PATCHBAY_BENCH_BUILD: "1" });

async function seed() {
  await migrateDatabase();
  // A fresh tenant each run, so a PostgreSQL database can be reused between runs.
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const { userId } = await bootstrap({ tenantSlug: slug, email: `${slug}@example.com`, password: "bench-password-1" });
  const membership = await findMembership(userId, slug);
  const ctx = { tenant: membership!.tenant, role: "owner" as const, userId, actor: { type: "user" as const, id: userId } };
  const { key } = await createApiKey(ctx, {
    name: "bench",
    scopes: ["integrations:read"],
    rate_limit_per_minute: 100_000,
    rate_limit_per_hour: 10_000_000,
  });
  const integration = await createIntegration(ctx, {
    name: "Bench REST",
    provider: "custom_rest",
    environment: "production",
    auth_type: "bearer",
    base_url: "http://127.0.0.1:9",
    credentials: { token: "bench-token-123456" },
  } satisfies CreateIntegrationInput);
  const baseline = (id: string) => getIntegration(ctx, id);
  const { client, clientSecret } = await createOAuthClient(ctx, {
    name: "bench",
    scopes: ["integrations:read"],
    grant_types: ["client_credentials"],
    rate_limit_per_minute: 100_000,
    rate_limit_per_hour: 10_000_000,
  });
  const { access_token: accessToken } = await tokenEndpoint({
    params: new URLSearchParams({ grant_type: "client_credentials", client_id: client.client_id, client_secret: clientSecret! }),
    authorization: null,
  });
  return { key, accessToken, id: integration.id, tenantId: ctx.tenant.id, path: `/api/v1/integrations/${integration.id}`, baseline };
}

type Send = (authorization: string | null, ip: string) => Promise<{ status: number; body: string }>;

/** The three wrong keys an attacker could try, timed side by side. */
async function unauthorizedTiming(send: Send, validKey: string) {
  const kinds = {
    "malformed (checksum fails)": () => `pb_live_${"x".repeat(38)}`,
    "unknown prefix": () => generateKeyString(),
    "known prefix, wrong secret": () => withChecksum(validKey.slice(0, 16) + generateKeyString().slice(16, 40)),
  };
  const names = Object.keys(kinds) as (keyof typeof kinds)[];
  const latencies = new Map(names.map((n) => [n, [] as number[]]));
  let n = 0;
  const deadline = performance.now() + Math.max(2, seconds / 2) * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const kind = names[n % names.length]!;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        n++;
        const t = performance.now();
        const res = await send(`Bearer ${kinds[kind]()}`, ip);
        if (res.status !== 401) throw new Error(`${kind} answered ${res.status}: ${res.body}`);
        latencies.get(kind)!.push(performance.now() - t);
      }
    }),
  );
  console.log("\n401 timing (interleaved, a new address per request):");
  for (const [kind, list] of latencies) {
    list.sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(30)} ${String(list.length).padStart(6)} calls   p50 ${percentile(list, 0.5).toFixed(2)} ms   p99 ${percentile(list, 0.99).toFixed(2)} ms`,
    );
  }
}

async function inProcess(seeded: Awaited<ReturnType<typeof seed>>) {
  const { GET } = await import("@/app/api/v1/integrations/[id]/route");
  const params = { params: Promise.resolve({ id: seeded.id }) };
  const request = (headers: Record<string, string>) => new Request(`http://localhost${seeded.path}`, { headers });
  const send: Send = async (authorization, ip) => {
    const res = await GET(request({ "x-forwarded-for": ip, ...(authorization ? { authorization } : {}) }), params);
    return { status: res.status, body: await res.text() };
  };
  // The same route handler body without the guard, given the same request and params.
  const unguarded = async (_req: Request, context: typeof params) => NextResponse.json(await seeded.baseline((await context.params).id));
  const baseline = {
    name: "baseline (no auth, no rate limit)",
    call: async () =>
      void (await (await unguarded(request({ authorization: `Bearer ${seeded.key}`, "x-forwarded-for": "127.0.0.1" }), params)).text()),
  };
  await measureCost([baseline, { name: "route (API key + rate limit)", call: () => expectOk(send(`Bearer ${seeded.key}`, "127.0.0.1")) }], {
    seconds,
    concurrency,
  });
  console.log("\nwith an OAuth access token:");
  await measureCost(
    [
      baseline,
      { name: "route (OAuth access token + rate limit)", call: () => expectOk(send(`Bearer ${seeded.accessToken}`, "127.0.0.1")) },
    ],
    { seconds, concurrency },
  );
  await unauthorizedTiming(send, seeded.key);
}

async function overHttp(seeded: Awaited<ReturnType<typeof seed>>) {
  if (buildIsStale(process.cwd(), "bench")) runNextBuild(process.cwd(), "bench");
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (req.url !== "/plain") return void handle(req, res);
    void seeded.baseline(seeded.id).then((view) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(view));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
    });
  const sendKey: Send = (authorization, ip) => send(seeded.path, { "x-forwarded-for": ip, ...(authorization ? { authorization } : {}) });
  console.log(`production build served on http://127.0.0.1:${port}\n`);
  const baseline = {
    name: "baseline: same route, no auth, no rate limit",
    call: () =>
      expectOk(send(`/api/bench/integrations/${seeded.id}`, { "x-bench-tenant": seeded.tenantId, "x-forwarded-for": "127.0.0.1" })),
  };
  await measureCost(
    [
      baseline,
      { name: "route (API key + rate limit)", call: () => expectOk(sendKey(`Bearer ${seeded.key}`, "127.0.0.1")) },
      // Not part of the ratio: the same JSON without Next at all, to show what Next itself costs.
      { name: "same JSON from plain node:http", call: () => expectOk(send("/plain", {})) },
    ],
    { seconds, concurrency },
  );
  console.log("\nwith an OAuth access token:");
  await measureCost(
    [
      baseline,
      { name: "route (OAuth access token + rate limit)", call: () => expectOk(sendKey(`Bearer ${seeded.accessToken}`, "127.0.0.1")) },
    ],
    { seconds, concurrency },
  );
  await unauthorizedTiming(sendKey, seeded.key);
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  await app.close();
}

async function expectOk(response: Promise<{ status: number; body: string }>) {
  const { status, body } = await response;
  if (status !== 200) throw new Error(`answered ${status}: ${body}`);
}

async function main() {
  const seeded = await seed();
  const where = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
  console.log(
    `GET /api/v1/integrations/{id} · ${values.http ? "HTTP, production build" : "in-process"} · ${where} · concurrency ${concurrency} · ${seconds} s each, in alternating rounds\n`,
  );
  await (values.http ? overHttp(seeded) : inProcess(seeded));
  await flushKeyUsage();
  await flushScopeUsage();
  await stopJobs();
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
