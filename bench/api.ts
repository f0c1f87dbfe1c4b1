/**
 * `npm run bench:api`: what authentication + rate limiting cost on GET /api/v1/integrations/{id}.
 *
 * Drives the production route handler (API key → scope → leased rate limit → handler) and,
 * as the baseline, the same handler body answering the same JSON without the guard, at a
 * fixed concurrency against the same database, in one process so HTTP and Next's routing
 * (identical for both) do not blur the difference. Prints requests/s, p50/p99 and ratios.
 *
 *   npm run bench:api -- [--seconds 10] [--concurrency 16]
 *   DATABASE_URL=postgres://… npm run bench:api     (PostgreSQL instead of in-memory PGlite)
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { NextResponse } from "next/server";
import { GET } from "@/app/api/v1/integrations/[id]/route";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { flushKeyUsage } from "@/lib/api-keys/usage";
import { createIntegration, getIntegration, type CreateIntegrationInput } from "@/lib/integrations";
import { bootstrap, findMembership } from "@/lib/tenancy";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, concurrency: { type: "string", default: "16" } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

// Settings are read lazily on first use, so setting them here, before main() runs, is in time.
if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";

async function main() {
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

  const params = { params: Promise.resolve({ id: integration.id }) };
  const request = () => new Request(`http://localhost/api/v1/integrations/${integration.id}`, { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": "127.0.0.1" } });

  const guarded = async () => {
    const res = await GET(request(), params);
    if (res.status !== 200) throw new Error(`guarded route answered ${res.status}: ${await res.text()}`);
    await res.text();
  };
  const baseline = async () => {
    const res = NextResponse.json(await getIntegration(ctx, integration.id));
    await res.text();
  };

  async function drive(name: string, call: () => Promise<void>) {
    for (let i = 0; i < 200; i++) await call();
    const latencies: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          await call();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    const result = { name, requests: latencies.length, rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
    console.log(`${name.padEnd(34)} ${result.rps.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2)} ms   p99 ${result.p99.toFixed(2)} ms`);
    return result;
  }

  console.log(`GET /api/v1/integrations/{id} · ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)"} · concurrency ${concurrency} · ${seconds} s each\n`);
  const base = await drive("baseline (no auth, no rate limit)", baseline);
  const full = await drive("route (API key + rate limit)", guarded);
  await flushKeyUsage();
  console.log(
    `\nthroughput ratio ${(full.rps / base.rps).toFixed(2)} (auth + rate limit cost ${((1 - full.rps / base.rps) * 100).toFixed(1)}% of throughput; target < 20%)`,
  );
  console.log(`p50 added ${(full.p50 - base.p50).toFixed(2)} ms (target < 1 ms)`);
  await closeDatabase();
}

void main();
