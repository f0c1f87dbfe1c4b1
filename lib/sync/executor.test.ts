import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { integrationRequestLogs, outboxEvents, records } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { mergeStatusMapping } from "@/lib/mapping";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { PAGINATION, recordsPeer, type PeerStyle, type PeerUnit } from "@/tests/peers/records-peer";
import { createEntity, listRecords } from "./entities";
import { executeRun } from "./executor";
import { getRun, listRunErrors, startSync } from "./run-service";
import { createStream } from "./streams";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

vi.mock("@/lib/mapping", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/mapping")>();
  const { shimCompile } = await import("@/tests/mapping-shim");
  return { ...actual, compileMapping: shimCompile };
});

const peer = loopbackPeers();

export const UNIT_MAPPING = {
  fields: [
    { field: "code", source: "$.code", transforms: [{ type: "trim" }], validations: [{ type: "required" }] },
    {
      field: "status",
      source: "$.status",
      transforms: [{ type: "value_map", map: mergeStatusMapping({}), fallback: "error" }],
      validations: [],
    },
    { field: "price", source: "$.price", transforms: [{ type: "number" }], validations: [{ type: "min", value: 0 }] },
    { field: "updated_at", source: "$.updated_at", transforms: [{ type: "datetime" }], validations: [] },
  ],
};

const unit = (n: number, status = "Available", updated = "2026-12-01T10:00:00.000Z"): PeerUnit => ({
  id: `u${n}`,
  code: ` A${n} `,
  status,
  price: 100 + n,
  updated_at: updated,
});

async function setup(style: PeerStyle, units: () => PeerUnit[], options: { incremental?: boolean; size?: number } = {}) {
  const ctx = await ownerContext();
  const { handler, state } = recordsPeer(units, style, options.size ?? 2);
  const base = await peer(handler);
  const integration = await createIntegration(ctx, {
    name: "Units API",
    provider: "custom_rest",
    auth_type: "bearer",
    base_url: base,
    credentials: { token: "peer-token-0000-4242" },
    config: {},
  });
  await createEntity(ctx, { key: "unit", name: "Units", template: "unit" });
  const stream = await createStream(ctx, integration.id, {
    name: "Units",
    entity: "unit",
    mode: options.incremental ? "incremental" : "full",
    source: {
      path: "/v1/units",
      records_path: "$.data[*]",
      id_path: "$.id",
      pagination: PAGINATION[style],
      ...(options.incremental ? { incremental: { param: "updated_since", field: "$.updated_at", overlap_seconds: 0 } } : {}),
    },
    mapping: UNIT_MAPPING,
  });
  const run = async (type?: "full" | "incremental") => {
    const queued = await startSync(ctx, integration.id, { stream_id: stream.id, ...(type ? { type } : {}) });
    await executeRun(ctx, queued.id);
    return getRun(ctx, queued.id);
  };
  return { ctx, integration, stream, state, run };
}

describe("inbound Custom REST runs", () => {
  for (const style of ["none", "page", "offset", "cursor", "link_header", "next_url"] as const) {
    it(`reads every page with ${style} pagination`, async () => {
      const units = [1, 2, 3, 4, 5].map((n) => unit(n));
      const { ctx, run, state } = await setup(style, () => units);
      const done = await run();
      expect(done).toMatchObject({ status: "completed", counts: { processed: 5, created: 5, updated: 0, failed: 0 } });
      const page = await listRecords(ctx, "unit", {});
      expect(page.data.map((r) => r.data.code).sort()).toEqual(["A1", "A2", "A3", "A4", "A5"]);
      expect(page.data[0]?.data.status).toBe("available");
      expect(state.token).toBe("Bearer peer-token-0000-4242");
      // Every page call is in the request log, linked to the run.
      const logged = await db().select().from(integrationRequestLogs).where(eq(integrationRequestLogs.sourceId, done.id));
      expect(logged.length).toBe(done.pages);
      expect(logged.every((l) => l.source === "sync" && !JSON.stringify(l).includes("peer-token-0000-4242"))).toBe(true);
    });
  }

  it("rewrites nothing when nothing changed, and marks what vanished deleted after a completed full run", async () => {
    let units = [1, 2, 3].map((n) => unit(n));
    const { ctx, run } = await setup("page", () => units);
    await run();
    const again = await run();
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, deleted: 0 });
    units = [unit(1), unit(2, "Sold")];
    const third = await run();
    expect(third.counts).toMatchObject({ updated: 1, unchanged: 1, deleted: 1 });
    const deleted = await listRecords(ctx, "unit", { actions: "deleted" });
    expect(deleted.data.map((r) => r.external_id)).toEqual(["u3"]);
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.tenantId, ctx.tenant.id));
    const recordEvents = events.filter((e) => e.type.startsWith("record."));
    expect(recordEvents.map((e) => e.type).sort()).toEqual(["record.created", "record.deleted", "record.updated"]);
    expect(events.find((e) => e.type === "record.created")?.payload).toMatchObject({ count: 3, entity: "unit" });
  });

  it("deletes nothing when a full run fails part-way", async () => {
    let units = [1, 2, 3, 4].map((n) => unit(n));
    const { ctx, run, state } = await setup("page", () => units);
    await run();
    units = [unit(1)];
    // Page 2 fails on the first try and on both retries.
    for (const n of [2, 3, 4]) state.fail.set(state.hits + n, { status: 500 });
    const failed = await run();
    expect(failed.status).toBe("failed");
    expect(failed.status_reason).toMatch(/Page 2/);
    const live = await listRecords(ctx, "unit", { actions: "created" });
    expect(live.data).toHaveLength(4);
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, ctx.tenant.id), eq(outboxEvents.type, "sync_run.failed")));
    expect(events).toHaveLength(1);
  });

  it("keeps rejected records out and lists each field's reason in the run's errors", async () => {
    const units = [unit(1), { ...unit(2), status: "Weird" }, { ...unit(3), price: "-5" }, { ...unit(4), code: "  " }];
    const { ctx, run } = await setup("none", () => units);
    const done = await run();
    expect(done).toMatchObject({ status: "partial", counts: { processed: 4, created: 1, failed: 3 } });
    const errors = await listRunErrors(ctx, done.id, {});
    const byId = Object.fromEntries(errors.data.map((e) => [e.external_id, e.field_errors as { field: string; rule: string }[]]));
    expect(byId.u2?.[0]).toMatchObject({ field: "status", rule: "value_map" });
    expect(byId.u3?.[0]).toMatchObject({ field: "price", rule: "min" });
    expect(byId.u4?.[0]).toMatchObject({ field: "code", rule: "required" });
    // A partial full run deletes nothing either.
    expect(done.counts.deleted).toBe(0);
  });

  it("resumes a killed run from its checkpoint without fetching the written pages again", async () => {
    const units = [1, 2, 3, 4, 5, 6].map((n) => unit(n));
    const { ctx, integration, stream, state } = await setup("page", () => units);
    const queued = await startSync(ctx, integration.id, { stream_id: stream.id });
    const stop = new AbortController();
    // The process "dies" after the second page is written.
    const abortAfter = (pages: number) =>
      setInterval(async () => {
        const r = await getRun(ctx, queued.id);
        if (r.pages >= pages) stop.abort();
      }, 5);
    const watcher = abortAfter(2);
    state.fail.set(3, { status: 429, retryAfter: "1" });
    await executeRun(ctx, queued.id, { signal: stop.signal });
    clearInterval(watcher);
    const killed = await getRun(ctx, queued.id);
    expect(killed.status).toBe("running");
    const hitsBefore = state.hits;
    const resumed = await executeRun(ctx, queued.id);
    expect(resumed?.status).toBe("completed");
    const done = await getRun(ctx, queued.id);
    expect(done.counts).toMatchObject({ processed: 6, created: 6 });
    // The resumed run asked for page 3 onwards (the 429'd page again) and never for pages 1–2.
    expect(state.seenQueries.slice(hitsBefore).every((q) => !/page=[12](&|$)/.test(q))).toBe(true);
    const rows = await db().select().from(records).where(eq(records.tenantId, ctx.tenant.id));
    expect(rows).toHaveLength(6);
  });

  it("loses and doubles nothing when records share a timestamp across a page and a run boundary", async () => {
    const t1 = "2026-12-01T10:00:00.000Z";
    const t2 = "2026-12-01T11:00:00.000Z";
    let units = [unit(1, "Available", t1), unit(2, "Available", t2), unit(3, "Available", t2)];
    const { ctx, run, state } = await setup("page", () => units, { incremental: true });
    const first = await run("full");
    expect(first.counts).toMatchObject({ created: 3 });
    // u4 appears later with the same change time as the last run's newest record: an API with an
    // inclusive "since" returns u2, u3 again (hash dedupe: unchanged) and u4 (created).
    units = [...units, unit(4, "Sold", t2)];
    const second = await run("incremental");
    expect(state.seenQueries.at(-1)).toContain("updated_since=2026-12-01T11%3A00%3A00.000Z");
    expect(second.counts).toMatchObject({ created: 1, updated: 0, unchanged: 2 });
    const all = await listRecords(ctx, "unit", { limit: 100 });
    expect(all.data.map((r) => r.external_id).sort()).toEqual(["u1", "u2", "u3", "u4"]);
  });

  it("waits out a provider's 429 as rate limited, not failed", async () => {
    const units = [1, 2, 3].map((n) => unit(n));
    const { run, state } = await setup("page", () => units);
    state.fail.set(2, { status: 429, retryAfter: "1" });
    const done = await run();
    expect(done).toMatchObject({ status: "completed", counts: { created: 3 } });
  });

  it("refuses a second run of a stream while one is in progress", async () => {
    const { ctx, integration, stream } = await setup("none", () => [unit(1)]);
    await startSync(ctx, integration.id, { stream_id: stream.id });
    await expect(startSync(ctx, integration.id, { stream_id: stream.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
