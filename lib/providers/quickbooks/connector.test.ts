import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { integrations, records, syncStreams } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { completeAuthorization, startConnect } from "@/lib/oauth";
import { pushConnectorStream } from "@/lib/sync/connector-push";
import { addConnectorStreams } from "@/lib/sync/connector-streams";
import { upsertRecords } from "@/lib/sync/records";
import { withTenant } from "@/lib/tenancy/data";
import { listRecords } from "@/lib/sync/entities";
import { executeRun } from "@/lib/sync/executor";
import { previewStream, sampleSource } from "@/lib/sync/preview";
import { getRun, listRunErrors, startSync } from "@/lib/sync/run-service";
import { updateStream } from "@/lib/sync/streams";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { signInAndConsent, startOidcProvider, type OidcPeer } from "@/tests/peers/oidc-provider";
import { qboInvoice, qboVendor, quickbooksPeer } from "@/tests/peers/quickbooks-peer";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

// Intuit's authorization server is played by the OIDC peer: only the catalog entry's OAuth endpoints move, not the code under test.
const oauthAt = vi.hoisted(() => ({ authorizeUrl: "", tokenUrl: "" }));
vi.mock("@/lib/providers", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/providers")>();
  const getProvider: typeof actual.getProvider = (key) => {
    const entry = actual.getProvider(key);
    if (!entry?.oauth || key !== "quickbooks") return entry;
    return { ...entry, oauth: { ...entry.oauth, ...oauthAt, revokeUrl: undefined, scopes: ["openid"] } };
  };
  return { ...actual, getProvider };
});

const peer = loopbackPeers();
const ORIGIN = "http://patchbay.test";
const SECRET = "qbo-peer-client-secret-0123456789";
const REALM = "9130357766900001";
const oauthPeers: OidcPeer[] = [];
afterEach(async () => {
  await Promise.all(oauthPeers.splice(0).map((p) => p.close()));
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function setup() {
  const oauth = await startOidcProvider({
    clients: [{ clientId: "patchbay", clientSecret: SECRET, auth: "client_secret_basic", redirectUris: [`${ORIGIN}/api/oauth/callback`] }],
    // Intuit's authorization server does not take PKCE (the catalog entry says pkce: false).
    requirePkce: false,
  });
  oauthPeers.push(oauth);
  Object.assign(oauthAt, { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl });
  const qbo = quickbooksPeer(REALM);
  const base = await peer(qbo.handler);
  const ctx = await ownerContext();
  const integration = await createIntegration(ctx, {
    name: "Books",
    provider: "quickbooks",
    auth_type: "oauth2",
    base_url: base,
    credentials: { client_id: "patchbay", client_secret: SECRET },
    config: {},
  });
  const started = await startConnect(ctx, integration.id, {}, ORIGIN);
  if (started.kind !== "authorize") throw new Error("expected an authorization URL");
  const back = await signInAndConsent(started.authorization_url, { login: "alice" });
  const outcome = await completeAuthorization(
    {
      state: back.searchParams.get("state"),
      code: back.searchParams.get("code"),
      error: null,
      errorDescription: null,
      extra: { realmId: REALM },
    },
    ctx.userId!,
  );
  expect(outcome).toMatchObject({ ok: true });
  const streams = await addConnectorStreams(ctx, integration.id);
  const streamOf = (entity: string) => streams.find((s) => s.entity === entity)!;
  const queue = async (entity: string, type?: "full" | "incremental") =>
    (await startSync(ctx, integration.id, { stream_id: streamOf(entity).id, ...(type ? { type } : {}) })).id;
  const run = async (entity: string, type?: "full" | "incremental") => {
    const id = await queue(entity, type);
    await executeRun(ctx, id, { maxInlineRateLimitWaitSeconds: 5 });
    return getRun(ctx, id);
  };
  return { ctx, qbo, integration, streams, streamOf, queue, run };
}

describe("the QuickBooks Online connector", () => {
  it("adds invoices, payments, vendors and customers, with a vendor entity of its own", async () => {
    const { streams } = await setup();
    expect(streams.map((s) => `${s.source.connector}→${s.entity}`).sort()).toEqual([
      "customers→customer",
      "invoices→invoice",
      "payments→payment",
      "vendors→vendor",
    ]);
  });

  it("pages a full run with STARTPOSITION/MAXRESULTS under the realm from the OAuth redirect, with the access token", async () => {
    const { ctx, qbo, run } = await setup();
    for (let i = 0; i < 1500; i++) qbo.objects.Invoice.push(qboInvoice(daysAgo(2)));
    const done = await run("invoice", "full");
    expect(done).toMatchObject({ status: "completed", pages: 2, counts: { processed: 1500, created: 1500, failed: 0 } });
    expect(qbo.state.requests.map((r) => r.query.query)).toEqual([
      "select * from Invoice STARTPOSITION 1 MAXRESULTS 1000",
      "select * from Invoice STARTPOSITION 1001 MAXRESULTS 1000",
    ]);
    expect(qbo.state.requests.every((r) => r.path === "query" && r.query.minorversion === "75")).toBe(true);
    expect(qbo.state.auth.every((a) => /^Bearer \S+$/.test(a) && !a.includes(SECRET))).toBe(true);
    const first = qbo.objects.Invoice[1234]!;
    const page = await listRecords(ctx, "invoice", { q: first.Id, limit: 100 });
    expect(page.data.find((r) => r.external_id === first.Id)?.data).toMatchObject({
      number: first.DocNumber,
      total: 150.5,
      currency: "USD",
      customer_id: "58",
      due_on: "2026-12-20",
    });
  });

  it("gives the mapping editor a live sample and preview through the connector, and keeps its source on edit", async () => {
    const { ctx, qbo, integration, streamOf } = await setup();
    qbo.objects.Invoice.push(qboInvoice(daysAgo(1), { DocNumber: "A-17" }));
    const stream = streamOf("invoice");
    // What the stream form sends: its own fields, and the connector it keeps.
    const formSource = { path: stream.source.path, records_path: "$.data[*]", id_path: "$.id", connector: "invoices" };
    const sample = await sampleSource(ctx, integration.id, formSource);
    expect(sample.records).toEqual([expect.objectContaining({ DocNumber: "A-17" })]);
    const preview = await previewStream(ctx, integration.id, stream.id, {
      source: formSource,
      mapping: {
        fields: [
          { field: "number", source: "$.DocNumber", transforms: [{ type: "lower" }] },
          { field: "total", source: "$.TotalAmt" },
        ],
      },
    });
    expect(preview.records).toEqual([{ external_id: expect.any(String), data: { number: "a-17", total: 150.5 } }]);
    const edited = await updateStream(ctx, integration.id, stream.id, { source: formSource, interval_seconds: 900 });
    expect(edited.source).toMatchObject({ connector: "invoices", records_path: "$.QueryResponse.Invoice[*]", id_path: "$.Id" });
  });

  it("runs incrementally from Change Data Capture: changes, additions and a Deleted object", async () => {
    const { ctx, qbo, run } = await setup();
    const [a, b, c] = [qboVendor(daysAgo(3)), qboVendor(daysAgo(3)), qboVendor(daysAgo(2))];
    qbo.objects.Vendor.push(a, b, c);
    expect(await run("vendor", "full")).toMatchObject({ counts: { created: 3 } });
    const now = new Date().toISOString();
    Object.assign(a, { DisplayName: "Renamed vendor", SyncToken: "1", MetaData: { ...a.MetaData, LastUpdatedTime: now } });
    qbo.remove("Vendor", b.Id, now);
    qbo.objects.Vendor.push(qboVendor(now));
    const incremental = await run("vendor");
    expect(incremental).toMatchObject({ type: "incremental", status: "completed" });
    expect(incremental.counts).toMatchObject({ created: 1, updated: 1, deleted: 1, unchanged: 1 });
    const cdc = qbo.state.requests.at(-1)!;
    expect(cdc.path).toBe("cdc");
    expect(cdc.query.entities).toBe("Vendor");
    // The newest change seen by the full run, less the stream's 60 s overlap.
    expect(cdc.query.changedSince).toBe(new Date(Date.parse(c.MetaData.LastUpdatedTime) - 60_000).toISOString());
    expect((await listRecords(ctx, "vendor", { actions: "deleted" })).data.map((r) => r.external_id)).toEqual([b.Id]);
    expect((await listRecords(ctx, "vendor", { limit: 100 })).data.find((r) => r.external_id === a.Id)?.data).toMatchObject({
      name: "Renamed vendor",
    });
  });

  it("reads everything when the checkpoint is older than CDC's 30 days, says so, and marks what is gone", async () => {
    const { ctx, qbo, run, streamOf } = await setup();
    const [a, b] = [qboVendor(daysAgo(40)), qboVendor(daysAgo(40))];
    qbo.objects.Vendor.push(a, b);
    await run("vendor", "full");
    qbo.objects.Vendor.splice(1, 1);
    await db()
      .update(syncStreams)
      .set({ checkpoint: { since: daysAgo(40) } })
      .where(eq(syncStreams.id, streamOf("vendor").id));
    const done = await run("vendor", "incremental");
    expect(done).toMatchObject({ type: "full", status: "completed", counts: { deleted: 1, unchanged: 1 } });
    expect(done.status_reason).toMatch(/reaches back 30 days.*reads everything instead/);
    expect(qbo.state.requests.some((r) => r.path === "cdc")).toBe(false);
    expect((await listRecords(ctx, "vendor", { actions: "deleted" })).data.map((r) => r.external_id)).toEqual([b.Id]);
  });

  it("fails a run on a 401 with a reconnect message, and the integration then needs reconnecting", async () => {
    const { ctx, qbo, run, integration } = await setup();
    qbo.objects.Vendor.push(qboVendor(daysAgo(1)));
    qbo.state.revoked = true;
    const failed = await run("vendor", "full");
    expect(failed.status).toBe("failed");
    expect(failed.status_reason).toMatch(/QuickBooks refused the access token \(401\): .*AuthenticationFailed.*Reconnect the integration/);
    const [row] = await db().select().from(integrations).where(eq(integrations.id, integration.id));
    expect(row?.connectionStatus).toBe("expired");
    expect((await listRecords(ctx, "vendor", {})).data).toHaveLength(0);
  });

  it("puts a throttled run back in the queue as rate limited, and resumes it at the refused page", async () => {
    const { ctx, qbo, queue } = await setup();
    for (let i = 0; i < 1200; i++) qbo.objects.Invoice.push(qboInvoice(daysAgo(1)));
    qbo.state.throttleOn.add(2);
    const id = await queue("invoice", "full");
    await executeRun(ctx, id, { maxInlineRateLimitWaitSeconds: 5 });
    const waiting = await getRun(ctx, id);
    // Intuit's 429 names no wait and its limits are per minute: a minute, beyond what a run waits out in place.
    expect(waiting).toMatchObject({ status: "queued", pages: 1, counts: { created: 1000 } });
    expect(waiting.status_reason).toMatch(/^Rate limited by the provider \(429\)/);
    await executeRun(ctx, id);
    const done = await getRun(ctx, id);
    expect(done).toMatchObject({ status: "completed", pages: 2, counts: { created: 1200 } });
    expect(qbo.state.requests.slice(1).map((r) => r.query.query)).toEqual([
      "select * from Invoice STARTPOSITION 1001 MAXRESULTS 1000",
      "select * from Invoice STARTPOSITION 1001 MAXRESULTS 1000",
    ]);
  });

  it("pushes invoices from other sources with their SyncToken, and keeps a stale one as a conflict on the record", async () => {
    const { ctx, qbo, integration, streamOf, run } = await setup();
    qbo.objects.Invoice.push(qboInvoice(daysAgo(1)));
    await run("invoice", "full");
    const stream = streamOf("invoice");
    await updateStream(ctx, integration.id, stream.id, { direction: "bidirectional" });
    const ledger = { type: "import" as const, id: "ledger.csv" };
    const write = (data: Record<string, unknown>) =>
      withTenant(ctx, (tx) => upsertRecords(tx, ctx, { entityKey: "invoice", source: ledger, rows: [{ externalId: "L-1", data }] }));
    const invoice = { number: "L-1", customer_id: "58", total: 99.5, currency: "USD", issued_on: "2026-11-30", due_on: "2026-12-30" };
    await write(invoice);
    const recordOf = async () => (await db().select().from(records).where(eq(records.externalId, "L-1")))[0]!;

    const created = await pushConnectorStream(ctx, integration.id, stream.id);
    // The invoice read from QuickBooks itself is not echoed back.
    expect(created).toMatchObject({ type: "push", direction: "outbound", status: "completed", counts: { processed: 1, created: 1 } });
    expect(qbo.state.pushed[0]).toMatchObject({ DocNumber: "L-1", CustomerRef: { value: "58" }, TotalAmt: 99.5, TxnDate: "2026-11-30" });
    const remoteId = (await recordOf()).remoteIds[stream.id]!;
    expect(qbo.objects.Invoice.find((o) => o.Id === remoteId)).toMatchObject({ DocNumber: "L-1", SyncToken: "0" });
    expect(await pushConnectorStream(ctx, integration.id, stream.id)).toMatchObject({ status: "completed", counts: { processed: 0 } });

    await write({ ...invoice, total: 120 });
    expect(await pushConnectorStream(ctx, integration.id, stream.id)).toMatchObject({ status: "completed", counts: { updated: 1 } });
    expect(qbo.state.pushed.at(-1)).toMatchObject({ Id: remoteId, SyncToken: "0", sparse: true, TotalAmt: 120 });
    expect((await recordOf()).remoteVersions[stream.id]).toBe("1");

    // Someone edits the invoice in QuickBooks, then it changes here too: the SyncToken Patchbay holds is stale.
    Object.assign(
      qbo.objects.Invoice.find((o) => o.Id === remoteId)!,
      { SyncToken: "2", TotalAmt: 130 },
    );
    await write({ ...invoice, total: 125 });
    const conflicted = await pushConnectorStream(ctx, integration.id, stream.id);
    expect(conflicted).toMatchObject({ status: "partial", counts: { processed: 1, updated: 0, failed: 0 } });
    expect(conflicted.status_reason).toMatch(/changed at the remote since the last push/);
    expect(qbo.objects.Invoice.find((o) => o.Id === remoteId)?.TotalAmt).toBe(130);
    expect((await recordOf()).conflicts[stream.id]).toMatchObject({
      run_id: conflicted.id,
      reason: expect.stringMatching(/Stale Object Error.*\(5010\)/),
    });
    const errors = await listRunErrors(ctx, conflicted.id, {});
    expect(errors.data).toEqual([expect.objectContaining({ external_id: "L-1", kind: "conflict" })]);
  });
});
