import Stripe from "stripe";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { integrationRequestLogs, integrations, outboxEvents } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { addConnectorStreams, listConnectorStreams } from "@/lib/sync/connector-streams";
import { listRecords } from "@/lib/sync/entities";
import { executeRun } from "@/lib/sync/executor";
import { getRun, listRuns, startSync } from "@/lib/sync/run-service";
import { updateStream } from "@/lib/sync/streams";
import { createReceiver, receiveWebhook } from "@/lib/webhooks";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { stripeCustomer, stripeInvoice, stripePaymentIntent, stripePeer } from "@/tests/peers/stripe-peer";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();
const KEY = "sk_test_connector_peer_key_4242";
const T0 = 1_764_000_000;

async function setup(key = KEY) {
  const ctx = await ownerContext();
  const stripe = stripePeer(KEY);
  const base = await peer(stripe.handler);
  const integration = await createIntegration(ctx, {
    name: "Stripe",
    provider: "stripe",
    environment: "sandbox",
    auth_type: "api_key",
    base_url: base,
    credentials: { api_key: key },
    config: {},
  });
  const streams = await addConnectorStreams(ctx, integration.id);
  const streamOf = (entity: string) => streams.find((s) => s.entity === entity)!;
  const run = async (entity: string, type?: "full" | "incremental") => {
    const queued = await startSync(ctx, integration.id, { stream_id: streamOf(entity).id, ...(type ? { type } : {}) });
    await executeRun(ctx, queued.id, { maxInlineRateLimitWaitSeconds: 5 });
    return getRun(ctx, queued.id);
  };
  return { ctx, stripe, integration, streams, streamOf, run };
}

describe("the Stripe connector", () => {
  it("adds its three streams with default mappings and entities from templates, once", async () => {
    const { ctx, integration, streams } = await setup();
    expect(await addConnectorStreams(ctx, integration.id)).toEqual([]);
    expect((await listConnectorStreams(ctx, integration.id)).every((s) => s.added)).toBe(true);
    await expect(addConnectorStreams(ctx, integration.id, { streams: ["charges"] })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { streams: "charges is not one of customers, invoices, payment_intents." },
    });
    expect(streams.map((s) => [s.name, s.entity, s.mode, s.source.connector]).sort()).toEqual([
      ["Stripe customers", "customer", "incremental", "customers"],
      ["Stripe invoices", "invoice", "incremental", "invoices"],
      ["Stripe payment intents", "payment", "incremental", "payment_intents"],
    ]);
  });

  it("reads every page of a full run with starting_after and has_more, at limit 100, the key as a bearer", async () => {
    const { ctx, stripe, run } = await setup();
    for (let i = 0; i < 250; i++) stripe.objects.customers.push(stripeCustomer(T0 + i));
    const done = await run("customer", "full");
    expect(done).toMatchObject({ status: "completed", pages: 3, counts: { processed: 250, created: 250, failed: 0 } });
    expect(stripe.state.queries[0]).toBe("?limit=100");
    const newestFirst = [...stripe.objects.customers].sort((a, b) => b.created - a.created);
    expect(stripe.state.queries[1]).toBe(`?limit=100&starting_after=${newestFirst[99]!.id}`);
    expect(stripe.state.queries[2]).toBe(`?limit=100&starting_after=${newestFirst[199]!.id}`);
    expect(stripe.state.auth.every((a) => a === `Bearer ${KEY}`)).toBe(true);
    const page = await listRecords(ctx, "customer", { limit: 1, q: newestFirst[0]!.id });
    expect(page.data[0]).toMatchObject({
      external_id: newestFirst[0]!.id,
      data: { country: "NL", email: `${newestFirst[0]!.id}@example.com` },
    });
    const logged = await db().select().from(integrationRequestLogs).where(eq(integrationRequestLogs.sourceId, done.id));
    expect(logged).toHaveLength(3);
    expect(JSON.stringify(logged)).not.toContain(KEY);
  });

  it("maps invoices and payment intents (cents, currencies, Unix times) and takes an admin's mapping change", async () => {
    const { ctx, stripe, run, streamOf, integration } = await setup();
    const customer = stripeCustomer(T0);
    stripe.objects.invoices.push(stripeInvoice(T0, customer.id, { number: "INV-7", status: "paid" }));
    stripe.objects.invoices.push(stripeInvoice(T0 + 1, customer.id, { number: null, status: "draft" }));
    stripe.objects.payment_intents.push(stripePaymentIntent(T0, { amount_received: 4_999 }));
    expect(await run("invoice", "full")).toMatchObject({ status: "completed", counts: { created: 2 } });
    const invoices = await listRecords(ctx, "invoice", {});
    expect(invoices.data.map((r) => r.data).sort((a, b) => String(a.number).localeCompare(String(b.number)))).toEqual([
      expect.objectContaining({ number: "(draft)", status: "draft", total: 123.45, currency: "EUR" }),
      expect.objectContaining({ number: "INV-7", status: "paid", customer_id: customer.id, issued_on: "2025-11-24" }),
    ]);
    expect(await run("payment", "full")).toMatchObject({ status: "completed", counts: { created: 1 } });
    const payments = await listRecords(ctx, "payment", {});
    expect(payments.data[0]?.data).toMatchObject({ amount: 49.99, currency: "USD", method: "card", paid_at: "2025-11-24T16:00:00.000Z" });

    await updateStream(ctx, integration.id, streamOf("payment").id, {
      mapping: {
        fields: [
          { field: "reference", source: "$.id" },
          { field: "amount", source: "$.amount" },
        ],
      },
    });
    expect(await run("payment", "full")).toMatchObject({ status: "completed", counts: { updated: 1 } });
    expect((await listRecords(ctx, "payment", {})).data[0]?.data).toEqual({
      reference: stripe.objects.payment_intents[0]!.id,
      amount: 5000,
    });
  });

  it("runs incrementally from created[gte] the newest object seen, and marks deletes after a full run", async () => {
    const { ctx, stripe, run } = await setup();
    for (let i = 0; i < 3; i++) stripe.objects.customers.push(stripeCustomer(T0 + i));
    await run("customer", "full");
    stripe.objects.customers.push(stripeCustomer(T0 + 2), stripeCustomer(T0 + 10));
    const incremental = await run("customer");
    expect(incremental.type).toBe("incremental");
    expect(stripe.state.queries.at(-1)).toBe(`?limit=100&created%5Bgte%5D=${T0 + 2}`);
    // The boundary second is asked for again: the customer seen then is unchanged, the two new ones created.
    expect(incremental).toMatchObject({ status: "completed", counts: { processed: 3, created: 2, unchanged: 1, deleted: 0 } });

    const gone = stripe.objects.customers.splice(1, 1)[0]!;
    const full = await run("customer", "full");
    expect(full).toMatchObject({ status: "completed", counts: { deleted: 1, unchanged: 4 } });
    const deleted = await listRecords(ctx, "customer", { actions: "deleted" });
    expect(deleted.data.map((r) => r.external_id)).toEqual([gone.id]);
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.tenantId, ctx.tenant.id));
    expect(events.filter((e) => e.type === "record.deleted")).toHaveLength(1);
  });

  it("fails a run on a refused key with a reconnect message, and marks the integration", async () => {
    const { ctx, stripe, run, integration } = await setup("sk_test_revoked_key_000000000");
    stripe.objects.customers.push(stripeCustomer(T0));
    const failed = await run("customer", "full");
    expect(failed.status).toBe("failed");
    expect(failed.status_reason).toMatch(
      /^Page 1: Stripe refused the secret key \(401\): Invalid API Key provided: .*Reconnect the integration/,
    );
    expect(failed.status_reason).not.toContain("sk_test_revoked_key_000000000");
    const [row] = await db().select().from(integrations).where(eq(integrations.id, integration.id));
    expect(row?.connectionStatus).toBe("error");
    expect((await listRecords(ctx, "customer", {})).data).toHaveLength(0);
  });

  it("waits out a 429 as rate limited and resumes at the page it was refused", async () => {
    const { stripe, run } = await setup();
    for (let i = 0; i < 150; i++) stripe.objects.customers.push(stripeCustomer(T0 + i));
    stripe.state.rateLimitOn.set(2, null);
    const started = Date.now();
    const done = await run("customer", "full");
    expect(done).toMatchObject({ status: "completed", pages: 2, counts: { created: 150 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The refused page is asked for again with the same cursor.
    expect(stripe.state.queries[1]).toBe(stripe.state.queries[2]);
  });

  it("applies a signed invoice.paid event to that one record without a run against the API", async () => {
    const { ctx, stripe, run, integration, streamOf } = await setup();
    const customer = stripeCustomer(T0);
    const invoice = stripeInvoice(T0, customer.id, { status: "open" });
    stripe.objects.invoices.push(invoice);
    await run("invoice", "full");
    await updateStream(ctx, integration.id, streamOf("invoice").id, { update_method: "webhook", webhook_action: "apply" });
    const secret = "whsec_connector_test_secret_42";
    const receiver = await createReceiver(ctx, integration.id, { scheme: "stripe", secret }, "https://patchbay.example.com");
    const publicId = receiver.url.split("/").at(-1)!;
    const hits = stripe.state.hits;

    const event = JSON.stringify({
      id: "evt_paid_1",
      object: "event",
      type: "invoice.paid",
      created: T0 + 60,
      data: { object: { ...invoice, status: "paid" } },
    });
    const signature = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload: event, secret });
    expect(await receiveWebhook(publicId, new Headers({ "stripe-signature": signature }), event)).toMatchObject({ status: 200 });
    expect(stripe.state.hits).toBe(hits);
    const records = await listRecords(ctx, "invoice", {});
    expect(records.data).toHaveLength(1);
    expect(records.data[0]).toMatchObject({ external_id: invoice.id, last_action: "updated", data: { status: "paid" } });
    const runs = await listRuns(ctx, integration.id, { stream_id: streamOf("invoice").id });
    expect(runs.data[0]).toMatchObject({
      type: "real_time",
      trigger: "webhook",
      status: "completed",
      counts: { processed: 1, updated: 1 },
    });
    const updated = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, ctx.tenant.id), eq(outboxEvents.type, "record.updated")));
    expect(updated[0]?.payload).toMatchObject({ entity: "invoice", count: 1, external_ids: [invoice.id] });

    const deletedEvent = JSON.stringify({ id: "evt_del_1", object: "event", type: "invoice.deleted", data: { object: invoice } });
    const deletedSig = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload: deletedEvent, secret });
    await receiveWebhook(publicId, new Headers({ "stripe-signature": deletedSig }), deletedEvent);
    expect((await listRecords(ctx, "invoice", { actions: "deleted" })).data.map((r) => r.external_id)).toEqual([invoice.id]);
  });
});
