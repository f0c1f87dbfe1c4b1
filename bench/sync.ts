/**
 * `npm run bench:sync`: an inbound Custom REST run of 1,000,000 records in pages of 1,000 from a
 * loopback peer, in full and then incrementally with 1 % changed, against the raw baseline: the
 * same pages fetched and parsed with no mapping and no writes. Prints records/s, the ratio to the
 * baseline, peak RSS and rows written.
 *
 *   npm run bench:sync -- [--records 1000000] [--page 1000]
 *   DATABASE_URL=postgres://… npm run bench:sync     (PostgreSQL instead of in-memory PGlite)
 *
 * The peer runs in this process, so its cost (building each page's JSON) is in both the run and
 * the baseline alike.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase, rowsOf } from "@/db/client";
import { createIntegration } from "@/lib/integrations";
import { stopJobs } from "@/lib/jobs/boss";
import { mergeStatusMapping } from "@/lib/mapping";
import { createEntity } from "@/lib/sync/entities";
import { executeRun } from "@/lib/sync/executor";
import { getRun, startSync } from "@/lib/sync/run-service";
import { createStream } from "@/lib/sync/streams";
import { bootstrap, findMembership } from "@/lib/tenancy";

const { values } = parseArgs({ options: { records: { type: "string", default: "1000000" }, page: { type: "string", default: "1000" } } });
const total = Number(values.records);
const pageSize = Number(values.page);

if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";
process.env.PATCHBAY_IN_PROCESS_WORKERS = "false";

const STATUSES = ["Available", "Reserved", "OnHold", "Sold", "Future", "NotForSale", "Announced"];
const BASE_TIME = Date.UTC(2026, 10, 1);
// Records changed for the incremental run: every 100th, with a later change time and price.
const changed = new Set<number>();

function unitAt(i: number) {
  const bumped = changed.has(i);
  return {
    id: `u-${i}`,
    code: `B${Math.floor(i / 100)}-${i % 100}`,
    status: STATUSES[i % STATUSES.length],
    price: String(100_000 + (i % 5000) * 10 + (bumped ? 1 : 0)),
    floor: i % 30,
    updated_at: new Date(bumped ? BASE_TIME + 86_400_000 + i : BASE_TIME + i).toISOString(),
  };
}

/** Cursor pagination over the records in change order; `updated_since` narrows to the changed ones. */
function startPeer(): Promise<string> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://peer");
    const after = Number(url.searchParams.get("after") ?? "0");
    const since = url.searchParams.get("updated_since");
    let ids: number[];
    if (since) {
      const all = [...changed].sort((a, b) => a - b).filter((i) => unitAt(i).updated_at >= since);
      ids = all.slice(after, after + pageSize);
      const next = after + pageSize < all.length ? String(after + pageSize) : null;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: ids.map(unitAt), next }));
      return;
    }
    ids = Array.from({ length: Math.max(0, Math.min(pageSize, total - after)) }, (_, k) => after + k);
    const next = after + pageSize < total ? String(after + pageSize) : null;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: ids.map(unitAt), next }));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function baseline(base: string, incremental: boolean): Promise<{ records: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true });
  const started = performance.now();
  let cursor: string | null = "0";
  let records = 0;
  while (cursor !== null) {
    const query: string = incremental
      ? `after=${cursor}&updated_since=${new Date(BASE_TIME + 86_400_000).toISOString()}`
      : `after=${cursor}`;
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(`${base}/v1/units?${query}`, { agent, headers: { authorization: "Bearer bench-token-abcdef" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        })
        .on("error", reject);
    });
    const parsed = JSON.parse(body) as { data: unknown[]; next: string | null };
    records += parsed.data.length;
    cursor = parsed.next;
  }
  agent.destroy();
  return { records, seconds: (performance.now() - started) / 1000 };
}

async function rowsWritten(runId: string): Promise<number> {
  const result = await db().execute(sql`select count(*)::int as n from records where last_run_id = ${runId}::uuid`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

async function main() {
  await migrateDatabase();
  const base = await startPeer();
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const email = `${slug}@example.com`;
  const { userId } = await bootstrap({ tenantSlug: slug, tenantName: slug, email, password: "bench-password-1" });
  const membership = (await findMembership(userId, slug))!;
  const ctx = { tenant: membership.tenant, role: membership.role, userId, actor: { type: "user" as const, id: userId, label: email } };
  const integration = await createIntegration(ctx, {
    name: "Bench units",
    provider: "custom_rest",
    auth_type: "bearer",
    base_url: base,
    credentials: { token: "bench-token-abcdef" },
    config: {},
  });
  await createEntity(ctx, { key: "unit", name: "Units", template: "unit" });
  const stream = await createStream(ctx, integration.id, {
    name: "Units",
    entity: "unit",
    mode: "incremental",
    source: {
      path: "/v1/units",
      records_path: "$.data",
      id_path: "$.id",
      pagination: { type: "cursor", param: "after", cursor_path: "$.next" },
      incremental: { param: "updated_since", field: "$.updated_at", overlap_seconds: 0 },
    },
    mapping: {
      fields: [
        { field: "code", source: "$.code", transforms: [{ type: "trim" }], validations: [{ type: "required" }] },
        { field: "status", source: "$.status", transforms: [{ type: "value_map", map: mergeStatusMapping({}), fallback: "error" }] },
        { field: "price", source: "$.price", transforms: [{ type: "number" }], validations: [{ type: "min", value: 0 }] },
        { field: "floor", source: "$.floor" },
        { field: "updated_at", source: "$.updated_at", transforms: [{ type: "datetime" }] },
      ],
    },
  });

  const target = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  console.log(`bench:sync on ${target}: ${total.toLocaleString("en")} records in pages of ${pageSize}`);

  const runOnce = async (type: "full" | "incremental") => {
    const queued = await startSync(ctx, integration.id, { stream_id: stream.id, type });
    const started = performance.now();
    await executeRun(ctx, queued.id);
    const seconds = (performance.now() - started) / 1000;
    const run = await getRun(ctx, queued.id);
    return { run, seconds, written: await rowsWritten(run.id) };
  };
  const report = (label: string, r: Awaited<ReturnType<typeof runOnce>>, raw: { records: number; seconds: number }) => {
    const rate = r.run.counts.processed / r.seconds;
    const rawRate = raw.records / raw.seconds;
    console.log(
      `${label}: ${r.run.status}, ${r.run.counts.processed.toLocaleString("en")} records in ${r.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString("en")} records/s; ` +
        `raw fetch+parse ${Math.round(rawRate).toLocaleString("en")} records/s (run/raw ${(rate / rawRate).toFixed(2)}); ` +
        `rows written ${r.written.toLocaleString("en")} (created ${r.run.counts.created}, updated ${r.run.counts.updated}, unchanged ${r.run.counts.unchanged}); ` +
        `peak RSS ${Math.round(peakRss / 1024 / 1024)} MB`,
    );
  };

  const rawFull = await baseline(base, false);
  report("full", await runOnce("full"), rawFull);
  for (let i = 0; i < total; i += 100) changed.add(i);
  const rawIncremental = await baseline(base, true);
  report("incremental (1 % changed)", await runOnce("incremental"), rawIncremental);

  clearInterval(sampler);
  await stopJobs();
  await closeDatabase();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
