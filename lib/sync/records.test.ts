import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import "@/tests/setup-db";
import { db } from "@/db/client";
import { outboxEvents, syncRuns } from "@/db/schema";
import { withTenant } from "@/lib/tenancy/data";
import { ownerContext } from "@/tests/fixtures";
import { canonicalJson } from "./canonical";
import { createEntity, listRecords } from "./entities";
import { entityIdFor, markUnseenDeleted, upsertRecords } from "./records";
import { ChangeBatch, addRunProgress, createRun, finishRun } from "./runs";

const importSource = { type: "import" as const, id: "units.csv" };

describe("records", () => {
  it("hashes canonical JSON, so key order is not a change", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it("creates, updates only what changed, and counts the unchanged", async () => {
    const ctx = await ownerContext();
    await createEntity(ctx, { key: "unit", name: "Units", template: "unit" });
    const first = await withTenant(ctx, (tx) =>
      upsertRecords(tx, ctx, {
        entityKey: "unit",
        source: importSource,
        rows: [
          { externalId: "A1", data: { code: "A1", status: "available", price: 100 } },
          { externalId: "A2", data: { code: "A2", status: "sold" } },
        ],
      }),
    );
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const second = await withTenant(ctx, (tx) =>
      upsertRecords(tx, ctx, {
        entityKey: "unit",
        source: importSource,
        rows: [
          { externalId: "A1", data: { price: 100, status: "available", code: "A1" } },
          { externalId: "A2", data: { code: "A2", status: "reserved" } },
          { externalId: "A3", data: { code: "A3", status: "hold" } },
        ],
      }),
    );
    expect(second).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const page = await listRecords(ctx, "unit", { actions: "updated" });
    expect(page.data.map((r) => [r.external_id, r.data.status])).toEqual([["A2", "reserved"]]);
    // The same remote id from another source is another record.
    const other = await withTenant(ctx, (tx) =>
      upsertRecords(tx, ctx, {
        entityKey: "unit",
        source: { type: "import", id: "other.csv" },
        rows: [{ externalId: "A1", data: { code: "A1" } }],
      }),
    );
    expect(other.created).toBe(1);
  });

  it("records an import's run with its counts and one event per action", async () => {
    const ctx = await ownerContext();
    await createEntity(ctx, { key: "unit", name: "Units", template: "unit" });
    const run = await withTenant(ctx, async (tx) => {
      const r = await createRun(tx, ctx, {
        entityId: await entityIdFor(tx, ctx, { entityKey: "unit" }),
        source: importSource,
        type: "full",
        trigger: "import",
        status: "running",
      });
      const batch = new ChangeBatch();
      const result = await upsertRecords(tx, ctx, {
        entityKey: "unit",
        source: importSource,
        runId: r.id,
        markSeen: true,
        rows: [{ externalId: "A1", data: { code: "A1" } }],
      });
      batch.add(result.changes);
      await addRunProgress(tx, ctx, r.id, { processed: 1, created: result.created });
      const deleted = await markUnseenDeleted(tx, ctx, r.entityId, importSource, r.id);
      expect(deleted).toEqual([]);
      await batch.emit(tx, ctx, r, "unit");
      return finishRun(tx, ctx, r.id, { status: "completed" });
    });
    expect(run).toMatchObject({ status: "completed", trigger: "import", processed: 1, created: 1 });
    const [stored] = await db().select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(stored?.completedAt).not.toBeNull();
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, ctx.tenant.id), eq(outboxEvents.type, "record.created")));
    expect(events[0]?.payload).toMatchObject({ entity: "unit", count: 1, external_ids: ["A1"] });
  });
});
