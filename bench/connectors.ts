/**
 * `npm run bench:connectors`: a full run of each connector against its loopback peer (tests/peers),
 * Stripe customers in pages of 100, QuickBooks invoices in pages of 1,000 and Google Calendar events in pages of 250, against the raw
 * baseline: the same pages fetched and parsed with no mapping and no writes. Prints records/s and
 * the ratio. Stripe's catalog limit (100 requests a second) holds its run to 10,000 records/s at most.
 *
 *   npm run bench:connectors -- [--stripe 20000] [--quickbooks 50000] [--google-calendar 20000]
 *   DATABASE_URL=postgres://… npm run bench:connectors     (PostgreSQL instead of in-memory PGlite)
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { integrations } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { stopJobs } from "@/lib/jobs/boss";
import { saveTokens } from "@/lib/oauth/token-store";
import { addConnectorStreams } from "@/lib/sync/connector-streams";
import { executeRun } from "@/lib/sync/executor";
import { getRun, startSync } from "@/lib/sync/run-service";
import { bootstrap, findMembership, type TenantContext } from "@/lib/tenancy";
import { withTenant } from "@/lib/tenancy/data";
import { googleCalendarPeer } from "@/tests/peers/google-calendar-peer";
import { qboInvoice, quickbooksPeer } from "@/tests/peers/quickbooks-peer";
import { stripeCustomer, stripePeer } from "@/tests/peers/stripe-peer";

const { values } = parseArgs({
  options: {
    stripe: { type: "string", default: "20000" },
    quickbooks: { type: "string", default: "50000" },
    "google-calendar": { type: "string", default: "20000" },
  },
});

if (!process.env.DATABASE_URL) process.env.PATCHBAY_DATA_DIR = "memory://";
process.env.PATCHBAY_MASTER_KEY ??= `v1:${randomBytes(32).toString("base64")}`;
process.env.PATCHBAY_ALLOW_PRIVATE_NETWORK = "true";
process.env.PATCHBAY_IN_PROCESS_WORKERS = "false";

const KEY = "sk_test_bench_connectors_key_0000";
const TOKEN = "qbo-bench-access-token-0000";
const GOOGLE_TOKEN = "gcal-bench-access-token-0000";
const REALM = "9130357766900001";

function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function getJson(url: string, agent: http.Agent, authorization: string): Promise<unknown> {
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(url, { agent, headers: { authorization } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      })
      .on("error", reject);
  });
  return JSON.parse(body) as unknown;
}

/** The same pages as the connector asks for, fetched and parsed only. */
async function baseline(next: (agent: http.Agent, state: { cursor?: string; start: number }) => Promise<number | null>) {
  const agent = new http.Agent({ keepAlive: true });
  const started = performance.now();
  const state = { start: 1 } as { cursor?: string; start: number };
  let records = 0;
  for (;;) {
    const got = await next(agent, state);
    if (got === null) break;
    records += got;
  }
  agent.destroy();
  return records / ((performance.now() - started) / 1000);
}

async function fullRun(ctx: TenantContext, integrationId: string, streamId: string) {
  const queued = await startSync(ctx, integrationId, { stream_id: streamId, type: "full" });
  const started = performance.now();
  await executeRun(ctx, queued.id);
  const seconds = (performance.now() - started) / 1000;
  const run = await getRun(ctx, queued.id);
  return { run, seconds, rate: run.counts.processed / seconds };
}

function report(label: string, r: Awaited<ReturnType<typeof fullRun>>, raw: number) {
  console.log(
    `${label}: ${r.run.status}, ${r.run.counts.processed.toLocaleString("en")} records in ${r.run.pages} pages, ${r.seconds.toFixed(1)} s = ` +
      `${Math.round(r.rate).toLocaleString("en")} records/s; raw fetch+parse ${Math.round(raw).toLocaleString("en")} records/s (run/raw ${(r.rate / raw).toFixed(2)})`,
  );
}

async function main() {
  await migrateDatabase();
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const email = `${slug}@example.com`;
  const { userId } = await bootstrap({ tenantSlug: slug, tenantName: slug, email, password: "bench-password-1" });
  const membership = (await findMembership(userId, slug))!;
  const ctx: TenantContext = {
    tenant: membership.tenant,
    role: membership.role,
    userId,
    actor: { type: "user", id: userId, label: email },
  };
  console.log(`bench:connectors on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);

  const stripe = stripePeer(KEY);
  const stripeTotal = Number(values.stripe);
  for (let i = 0; i < stripeTotal; i++) stripe.objects.customers.push(stripeCustomer(1_764_000_000 + i));
  const stripeBase = await listen(stripe.handler);
  const stripeRaw = await baseline(async (agent, state) => {
    if (state.cursor === "") return null;
    const body = (await getJson(
      `${stripeBase}/v1/customers?limit=100${state.cursor ? `&starting_after=${state.cursor}` : ""}`,
      agent,
      `Bearer ${KEY}`,
    )) as { data: { id: string }[]; has_more: boolean };
    state.cursor = body.has_more ? body.data.at(-1)!.id : "";
    return body.data.length;
  });
  const stripeIntegration = await createIntegration(ctx, {
    name: "Stripe",
    provider: "stripe",
    environment: "sandbox",
    auth_type: "api_key",
    base_url: stripeBase,
    credentials: { api_key: KEY },
    config: {},
  });
  const [customers] = await addConnectorStreams(ctx, stripeIntegration.id, { streams: ["customers"] });
  report("stripe customers (full)", await fullRun(ctx, stripeIntegration.id, customers!.id), stripeRaw);

  const qbo = quickbooksPeer(REALM);
  const qboTotal = Number(values.quickbooks);
  const changedAt = new Date(Date.now() - 86_400_000).toISOString();
  for (let i = 0; i < qboTotal; i++) qbo.objects.Invoice.push(qboInvoice(changedAt));
  const qboBase = await listen(qbo.handler);
  const qboRaw = await baseline(async (agent, state) => {
    const query = encodeURIComponent(`select * from Invoice STARTPOSITION ${state.start} MAXRESULTS 1000`);
    const body = (await getJson(`${qboBase}/v3/company/${REALM}/query?query=${query}&minorversion=75`, agent, `Bearer ${TOKEN}`)) as {
      QueryResponse: { Invoice?: unknown[] };
    };
    const n = body.QueryResponse.Invoice?.length ?? 0;
    state.start += n;
    return n === 0 ? null : n;
  });
  const qboIntegration = await createIntegration(ctx, {
    name: "Books",
    provider: "quickbooks",
    auth_type: "oauth2",
    base_url: qboBase,
    credentials: { client_id: "bench-client", client_secret: "bench-client-secret-0000" },
    config: {},
  });
  // What a completed consent leaves: an access token, and the realm from Intuit's redirect.
  await withTenant(ctx, async (tx) => {
    await saveTokens(
      tx,
      { integrationId: qboIntegration.id, tenantId: ctx.tenant.id },
      { access_token: TOKEN, expires_in: 3600 },
      { grantType: "authorization_code", previous: null, requestedScopes: [], connecting: true },
    );
    await tx
      .update(integrations)
      .set({ config: { path_params: { realmId: REALM } } })
      .where(eq(integrations.id, qboIntegration.id));
  });
  const [invoices] = await addConnectorStreams(ctx, qboIntegration.id, { streams: ["invoices"] });
  report("quickbooks invoices (full)", await fullRun(ctx, qboIntegration.id, invoices!.id), qboRaw);

  const gcal = googleCalendarPeer();
  const gcalTotal = Number(values["google-calendar"]);
  for (let i = 0; i < gcalTotal; i++) gcal.add({ attendees: [{ email: `buyer${i}@example.com`, responseStatus: "accepted" }] });
  const gcalBase = await listen(gcal.handler);
  const gcalRaw = await baseline(async (agent, state) => {
    if (state.cursor === "") return null;
    const page = state.cursor ? `&pageToken=${state.cursor}` : "";
    const body = (await getJson(
      `${gcalBase}/calendar/v3/calendars/primary/events?maxResults=250${page}`,
      agent,
      `Bearer ${GOOGLE_TOKEN}`,
    )) as {
      items: unknown[];
      nextPageToken?: string;
    };
    state.cursor = body.nextPageToken ?? "";
    return body.items.length;
  });
  const gcalIntegration = await createIntegration(ctx, {
    name: "Agenda",
    provider: "google_calendar",
    auth_type: "oauth2",
    base_url: gcalBase,
    credentials: { client_id: "bench-client", client_secret: "bench-client-secret-0000" },
    config: {},
  });
  await withTenant(ctx, (tx) =>
    saveTokens(
      tx,
      { integrationId: gcalIntegration.id, tenantId: ctx.tenant.id },
      { access_token: GOOGLE_TOKEN, expires_in: 3600 },
      { grantType: "authorization_code", previous: null, requestedScopes: [], connecting: true },
    ),
  );
  const [events] = await addConnectorStreams(ctx, gcalIntegration.id, { streams: ["events"] });
  report("google calendar events (full)", await fullRun(ctx, gcalIntegration.id, events!.id), gcalRaw);

  await stopJobs();
  await closeDatabase();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
