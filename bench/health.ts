/**
 * `npm run bench:health`: can the scheduler hold N integrations at a given interval?
 *
 * Seeds N integrations (bearer auth, credentials encrypted as in production) pointing at an
 * HTTP endpoint on loopback served by a child process (its own core, so it does not compete
 * with the scheduler's event loop), then runs the production path — pg-boss tick → claim →
 * checks through lib/http → batched writes — for a fixed time and reads the results back
 * from health_checks: checks/s, schedule lag (started − due) p50/p95/max and rows written/s.
 * Then it measures capacity (everything overdue at once) and a raw baseline: a plain loop of
 * HTTP GETs against the same endpoint at the same concurrency.
 *
 *   npm run bench:health -- [--integrations 10000] [--interval 30] [--seconds 120] [--capacity-seconds 15]
 *   DATABASE_URL=postgres://… npm run bench:health     (PostgreSQL instead of in-memory PGlite)
 */
import { fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { closeDatabase, db, migrateDatabase, rowsOf } from "@/db/client";
import { integrations } from "@/db/schema";
import { env } from "@/lib/env";
import { adoptNewIntegrations } from "@/lib/health/claim";
import { HEALTH_JOBS } from "@/lib/health/jobs";
import { encryptCredentials } from "@/lib/integrations/credentials";
import { startJobs, stopJobs } from "@/lib/jobs/boss";
import { bootstrap } from "@/lib/tenancy";

const { values } = parseArgs({
  options: {
    integrations: { type: "string", default: "10000" },
    interval: { type: "string", default: "30" },
    seconds: { type: "string", default: "120" },
    "capacity-seconds": { type: "string", default: "15" },
  },
});
const count = Number(values.integrations);
const interval = Number(values.interval);
const seconds = Number(values.seconds);
const capacitySeconds = Number(values["capacity-seconds"]);
const WARMUP_S = 5;

// Settings are read lazily on first use, so setting them here, before main() runs, is in time.
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";

const ENDPOINT_SOURCE = `
  const http = require("node:http");
  const server = http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end('{"status":"ok"}'); });
  server.keepAliveTimeout = 0;
  server.listen(0, "127.0.0.1", () => process.send(server.address().port));
`;

async function startEndpoint() {
  const child = fork("-e", [ENDPOINT_SOURCE], { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  process.once("exit", () => child.kill());
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve(Number(m))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function seed(base: string) {
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const { tenant } = await bootstrap({ tenantSlug: slug, email: `${slug}@example.com`, password: "bench-password-1" });
  const tenantId = tenant.id;
  for (let i = 0; i < count; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - i) }, (_, j) => {
      const ref = { id: randomUUID(), tenantId };
      return {
        ...ref,
        name: `Bench ${i + j}`,
        provider: "custom_rest",
        environment: "production" as const,
        authType: "bearer" as const,
        baseUrl: base,
        config: { status_endpoint: `/status/${i + j}`, polling_interval_seconds: interval, timeout_seconds: 10 },
        credentials: encryptCredentials(ref, { token: `bench-token-${i + j}-abcdef` }),
      };
    });
    await db().insert(integrations).values(rows);
  }
  return tenantId;
}

type Figures = { checks: number; p50: number; p95: number; max: number };

async function figures(tenantId: string, from: Date, to: Date): Promise<Figures> {
  const result = await db().execute(sql`
    select count(*)::int as checks,
      coalesce(percentile_cont(0.5) within group (order by lag), 0)::float8 as p50,
      coalesce(percentile_cont(0.95) within group (order by lag), 0)::float8 as p95,
      coalesce(max(lag), 0)::float8 as max
    from (select extract(epoch from (checked_at - scheduled_at)) * 1000 as lag from health_checks
          where tenant_id = ${tenantId} and source = 'schedule' and checked_at >= ${from.toISOString()}::timestamptz and checked_at < ${to.toISOString()}::timestamptz) t`);
  const row = rowsOf<Record<string, number>>(result)[0]!;
  return { checks: Number(row.checks), p50: Number(row.p50), p95: Number(row.p95), max: Number(row.max) };
}

async function rowsWritten(): Promise<number | null> {
  try {
    const result = await db().execute(sql`
      select coalesce(sum(n_tup_ins + n_tup_upd), 0)::float8 as n from pg_stat_user_tables
      where relname in ('health_checks', 'integration_health', 'health_rollups_hourly', 'health_transitions', 'integrations', 'outbox_events', 'audit_events')`);
    return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
  } catch {
    return null;
  }
}

async function rawBaseline(url: string, concurrency: number, durationS: number) {
  const deadline = performance.now() + durationS * 1000;
  let done = 0;
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(`${url}/status/raw`, { agent: false, headers: { authorization: "Bearer raw" } }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await get();
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** On PostgreSQL each run gets a database of its own (dropped afterwards): the scheduler checks every integration it finds. */
async function freshDatabase(): Promise<() => Promise<void>> {
  if (!serverUrl) return async () => {};
  const name = `patchbay_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}

async function main() {
  const dropDatabase = await freshDatabase();
  await migrateDatabase();
  const endpoint = await startEndpoint();
  const concurrency = env().healthConcurrency;
  const store = serverUrl ? "PostgreSQL" : "PGlite (in memory)";
  console.log(
    `health scheduler · ${store} · ${count} integrations every ${interval} s (target ${(count / interval).toFixed(0)} checks/s) · concurrency ${concurrency}\n`,
  );

  const seedStart = performance.now();
  const tenantId = await seed(endpoint.url);
  await adoptNewIntegrations();
  console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; first checks spread over one interval`);

  const rowsBefore = await rowsWritten();
  const start = new Date();
  await startJobs({ workers: true, jobs: HEALTH_JOBS });
  await sleep(seconds * 1000);
  const end = new Date();
  const rowsAfter = await rowsWritten();
  const measured = await figures(tenantId, new Date(start.getTime() + WARMUP_S * 1000), end);
  const window = (end.getTime() - start.getTime()) / 1000 - WARMUP_S;
  const rate = measured.checks / window;
  console.log(
    `\nscheduled load, whole run (${window.toFixed(0)} s after ${WARMUP_S} s warm-up; the first interval is every integration's first check and status change)`,
  );
  console.log(
    `  checks/s            ${rate.toFixed(1)}  (target ${(count / interval).toFixed(1)}, ${((rate / (count / interval)) * 100).toFixed(1)}% of it)`,
  );
  console.log(
    `  schedule lag        p50 ${fmt(measured.p50)}   p95 ${fmt(measured.p95)}   max ${fmt(measured.max)}   (target p95 < 2000 ms)`,
  );
  const steadyFrom = new Date(start.getTime() + 2 * interval * 1000);
  if (steadyFrom < end) {
    const steady = await figures(tenantId, steadyFrom, end);
    const steadyRate = steady.checks / ((end.getTime() - steadyFrom.getTime()) / 1000);
    console.log(`scheduled load, steady state (last ${((end.getTime() - steadyFrom.getTime()) / 1000).toFixed(0)} s, after two intervals)`);
    console.log(`  checks/s            ${steadyRate.toFixed(1)}  (${((steadyRate / (count / interval)) * 100).toFixed(1)}% of target)`);
    console.log(`  schedule lag        p50 ${fmt(steady.p50)}   p95 ${fmt(steady.p95)}   max ${fmt(steady.max)}`);
  }
  if (rowsBefore !== null && rowsAfter !== null) {
    console.log(
      `  DB rows written/s   ${((rowsAfter - rowsBefore) / ((end.getTime() - start.getTime()) / 1000)).toFixed(0)}  (inserts + updates on the health tables, from pg_stat_user_tables)`,
    );
  }

  // Capacity: everything overdue at once, so the scheduler runs flat out for a while.
  // Locks in id order, as the result writer does, so the two never deadlock.
  await db().execute(sql`
    update integration_health set next_check_at = now() - interval '1 hour'
    where integration_id in (select integration_id from integration_health order by integration_id for update)`);
  const capStart = new Date();
  await sleep(capacitySeconds * 1000);
  const capEnd = new Date();
  const capacity = await figures(tenantId, capStart, capEnd);
  await stopJobs();
  const capRate = capacity.checks / ((capEnd.getTime() - capStart.getTime()) / 1000);

  const raw = await rawBaseline(endpoint.url, concurrency, capacitySeconds);
  console.log(`\ncapacity (all ${count} overdue, ${capacitySeconds} s)   ${capRate.toFixed(0)} checks/s`);
  console.log(`raw baseline (plain HTTP GET loop, concurrency ${concurrency})   ${raw.toFixed(0)} req/s`);
  console.log(`\nratio scheduled checks/s : raw   ${(rate / raw).toFixed(3)}`);
  console.log(
    `ratio capacity checks/s : raw    ${(capRate / raw).toFixed(3)}  (what claiming, auth, the SSRF guard and writing cost per check)`,
  );
  console.log(`headroom                         ${(capRate / (count / interval)).toFixed(1)}× the target load`);
  endpoint.stop();
  await closeDatabase();
  await dropDatabase();
}

void main();
