/**
 * `npm run bench:webhooks`: fan-out throughput of outgoing webhooks through the production
 * path (outbox → pump → one pg-boss job per delivery → signed POST → attempt log), against
 * a raw baseline: the same number of signed POSTs through the same HTTP client, sent by a plain
 * loop at the same concurrency. Subscribers are HTTP servers on loopback in this process.
 * Prints deliveries/s, event-to-first-attempt latency p50/p99, and the ratio to the baseline.
 *
 *   npm run bench:webhooks -- [--messages 10000] [--subscribers 5]
 *   DATABASE_URL=postgres://… npm run bench:webhooks     (PostgreSQL instead of in-memory PGlite)
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase, rowsOf } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { sendRequest } from "@/lib/http/client";
import { startJobs, stopJobs } from "@/lib/jobs/boss";
import { bootstrap, findMembership } from "@/lib/tenancy";
import { createEndpoint } from "@/lib/webhooks";
import { WEBHOOK_JOBS } from "@/lib/webhooks/jobs";
import { signedHeaders } from "@/lib/webhooks/signing";

const { values } = parseArgs({
  options: { messages: { type: "string", default: "10000" }, subscribers: { type: "string", default: "5" } },
});
const messages = Number(values.messages);
const subscriberCount = Number(values.subscribers);
// What the delivery workers run at once in one process: WEBHOOK_JOBS' deliver concurrency × batch size.
const deliverJob = WEBHOOK_JOBS.find((j) => j.queue === "webhooks.deliver")!;
const concurrency = (deliverJob.concurrency ?? 1) * (deliverJob.workOptions?.batchSize ?? 1);

if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";

async function subscribers(count: number) {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => res.writeHead(204).end());
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return server;
    }),
  );
  return {
    urls: servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hooks`),
    close: () => servers.forEach((s) => (s.closeAllConnections(), s.close())),
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function pipeline(urls: string[]) {
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const { userId } = await bootstrap({ tenantSlug: slug, email: `${slug}@example.com`, password: "bench-password-1" });
  const membership = await findMembership(userId, slug);
  const ctx = { tenant: membership!.tenant, role: "owner" as const, userId, actor: { type: "user" as const, id: userId } };
  for (const url of urls) await createEndpoint(ctx, { url });
  await startJobs({ workers: true, jobs: WEBHOOK_JOBS, pollingIntervalSeconds: 0.5 });

  const total = messages * urls.length;
  const started = performance.now();
  for (let i = 0; i < messages; i += 500) {
    await db().transaction(async (tx) => {
      for (let n = i; n < Math.min(messages, i + 500); n++)
        await emitEvent(ctx.tenant.id, "integration.updated", { id: `bench-${n}`, changed: ["config"] }, tx);
    });
  }
  const emitted = (performance.now() - started) / 1000;
  for (;;) {
    const [row] = await db()
      .select({ done: sql<number>`count(*)` })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, ctx.tenant.id), eq(webhookDeliveries.status, "succeeded")));
    if (Number(row!.done) >= total) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const elapsed = (performance.now() - started) / 1000;
  const latencies = rowsOf<{ ms: number }>(
    await db().execute(sql`
      select extract(epoch from (a.started_at - m.created_at)) * 1000 as ms
      from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id join webhook_messages m on m.id = d.message_id
      where a.attempt = 1 and d.tenant_id = ${ctx.tenant.id}`),
  )
    .map((r) => Number(r.ms))
    .sort((a, b) => a - b);
  await stopJobs();
  return { total, elapsed, emitted, perSecond: total / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function baseline(urls: string[]) {
  const total = messages * urls.length;
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const body = JSON.stringify({
          type: "integration.updated",
          timestamp: new Date().toISOString(),
          data: { id: `bench-${i}`, changed: ["config"] },
        });
        const headers = { "content-type": "application/json", ...signedHeaders([secret], `msg_${i}`, new Date(), body) };
        const res = await sendRequest({ url: urls[i % urls.length]!, method: "POST", headers, body, timeoutMs: 15_000, maxRedirects: 0 });
        if (res.status !== 204) throw new Error(`subscriber answered ${res.status}`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { elapsed, perSecond: total / elapsed };
}

async function main() {
  await migrateDatabase();
  const subs = await subscribers(subscriberCount);
  const raw = await baseline(subs.urls);
  const run = await pipeline(subs.urls);
  subs.close();
  const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
  console.log(
    `webhooks fan-out on ${database}: ${messages} messages × ${subscriberCount} subscribers = ${run.total} deliveries, ${concurrency} in flight`,
  );
  console.log(
    `  pipeline   ${run.perSecond.toFixed(0).padStart(6)} deliveries/s  (${run.elapsed.toFixed(1)} s; emitting took ${run.emitted.toFixed(1)} s)`,
  );
  console.log(`  latency    event → first attempt p50 ${(run.p50 / 1000).toFixed(2)} s, p99 ${(run.p99 / 1000).toFixed(2)} s`);
  console.log(`  baseline   ${raw.perSecond.toFixed(0).padStart(6)} signed POSTs/s in a plain loop (${raw.elapsed.toFixed(1)} s)`);
  console.log(`  ratio      ${(run.perSecond / raw.perSecond).toFixed(3)} of the baseline`);
  await closeDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
