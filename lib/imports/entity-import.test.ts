import { describe, expect, it, vi } from "vitest";
import { executeSql } from "@/db/client";
import { createEntity } from "@/lib/sync";
import * as records from "@/lib/sync/records";
import { ownerContext } from "@/tests/fixtures";
import { dryRunImport } from "./dry-run";
import { executeImport, runImport, type ImportJobData } from "./execute";
import { importStatus } from "./status";
import { uploadImport } from "./upload";

const bytes = (text: string) =>
  (async function* () {
    yield new TextEncoder().encode(text);
  })();

async function customerEntity() {
  const owner = await ownerContext();
  await createEntity(owner, {
    key: "customer",
    name: "Customers",
    fields: [
      { key: "code", type: "string", required: true },
      { key: "name", type: "string", required: true },
      { key: "credit_limit", type: "number" },
      { key: "active", type: "boolean" },
      { key: "since", type: "date" },
    ],
    key_fields: ["code"],
  });
  return owner;
}

function customersCsv(from: number, to: number, extra: string[] = []) {
  const lines = ["Code,Customer name,Credit limit,Active,Since"];
  for (let i = from; i <= to; i++)
    lines.push(`C${String(i).padStart(4, "0")},Customer ${i},${i * 10},${i % 2 === 0},2026-01-${String((i % 28) + 1).padStart(2, "0")}`);
  return [...lines, ...extra].join("\n");
}

async function importFile(owner: Awaited<ReturnType<typeof customerEntity>>, csv: string) {
  const up = await uploadImport(owner, { fileName: "customers.csv", source: bytes(csv), options: () => ({ target: "entity:customer" }) });
  const dry = await dryRunImport(owner, {
    import_id: up.id,
    mapping: { code: "Code", name: "Customer name", credit_limit: "Credit limit", active: "Active", since: "Since" },
  });
  const queued: ImportJobData[] = [];
  await executeImport(owner, { import_id: up.id }, async (d) => void queued.push(d));
  return { up, dry, job: queued[0]! };
}

const recordCount = async () => Number((await executeSql("select count(*) as n from records")).rows[0]!.n);

describe("importing into an entity's records", () => {
  it("dry-runs against existing records (create, update, unchanged, conflict, errors) and records the import as a sync run", async () => {
    const owner = await customerEntity();
    const first = await importFile(owner, customersCsv(1, 5));
    expect(first.dry.counts).toMatchObject({ created: 5, failed: 0 });
    await runImport(first.job);
    expect(await recordCount()).toBe(5);

    const changed =
      customersCsv(1, 6).replace("Customer 2,", "Customer Two,") +
      "\nC0007,,70,true,2026-02-01\nC0003,Dup,1,true,2026-02-01\nC0008,Bad,lots,maybe,31/02/2026";
    const second = await importFile(owner, changed);
    expect(second.dry.counts).toEqual({ processed: 9, created: 1, updated: 1, unchanged: 4, conflict: 1, failed: 2 });
    const byRow = Object.fromEntries(second.dry.errors.map((e) => [`${e.row}:${e.column}`, e]));
    expect(byRow["8:Customer name"]).toMatchObject({ value: null });
    expect(byRow["10:Credit limit"]).toMatchObject({ value: "lots" });
    expect(byRow["10:Active"]).toMatchObject({ value: "maybe" });
    expect(byRow["9:Code"]?.message).toContain("Row 4");
    await runImport(second.job);
    expect(await recordCount()).toBe(6);
    const { rows } = await executeSql("select data from records where external_id = 'C0002'");
    expect(rows[0]!.data).toMatchObject({ name: "Customer Two", credit_limit: 20, active: true });

    const runs = (
      await executeSql(
        "select trigger, source_type, status, processed, created, updated, unchanged, failed from sync_runs order by created_at",
      )
    ).rows;
    expect(runs).toEqual([
      { trigger: "import", source_type: "import", status: "completed", processed: 5, created: 5, updated: 0, unchanged: 0, failed: 0 },
      { trigger: "import", source_type: "import", status: "partial", processed: 9, created: 1, updated: 1, unchanged: 4, failed: 3 },
    ]);
  });

  it("a worker killed mid-import resumes from its last committed batch without duplicating a row", async () => {
    const owner = await customerEntity();
    const { up, job } = await importFile(owner, customersCsv(1, 95));
    const real = records.upsertRecords;
    let calls = 0;
    const spy = vi.spyOn(records, "upsertRecords").mockImplementation(async (...args) => {
      calls++;
      // The third batch's write dies as a killed worker's connection would: its transaction never commits.
      if (calls === 3) throw new Error("Connection terminated unexpectedly");
      return real(...args);
    });
    await expect(runImport(job, { batchSize: 20 })).rejects.toThrow("Connection terminated");
    const halfway = await importStatus(owner, up.id);
    expect(halfway).toMatchObject({ status: "importing", counts: { processed: 40, created: 40 } });
    expect(await recordCount()).toBe(40);

    // pg-boss retries the job on another worker.
    await runImport(job, { batchSize: 20 });
    spy.mockRestore();
    const done = await importStatus(owner, up.id);
    expect(done).toMatchObject({ status: "completed", counts: { processed: 95, created: 95, updated: 0, failed: 0 } });
    expect(await recordCount()).toBe(95);
    const { rows } = await executeSql(
      "select count(distinct external_id)::int as n, (select count(*) from sync_runs)::int as runs, (select created from sync_runs) as created from records",
    );
    expect(rows[0]).toMatchObject({ n: 95, runs: 1, created: 95 });
    // A second delivery of the finished job does nothing.
    await runImport(job, { batchSize: 20 });
    expect(await recordCount()).toBe(95);
  });

  it("counts what the write did as the dry run predicted it: a deleted record brought back is an update, an unchanged one is left alone", async () => {
    const owner = await customerEntity();
    const first = await importFile(owner, customersCsv(1, 4));
    await runImport(first.job);
    await executeSql("update records set deleted_at = now(), last_action = 'deleted' where external_id = 'C0002'");
    const second = await importFile(owner, customersCsv(1, 5).replace("Customer 3,", "Customer Three,"));
    expect(second.dry.counts).toEqual({ processed: 5, created: 1, updated: 2, unchanged: 2, conflict: 0, failed: 0 });
    await runImport(second.job);
    const done = await importStatus(owner, second.up.id);
    expect(done).toMatchObject({ status: "completed", counts: second.dry.counts });
    const { rows } = await executeSql("select external_id, last_action, deleted_at from records order by external_id");
    expect(rows.map((r) => [r.external_id, r.last_action, r.deleted_at])).toEqual([
      ["C0001", "created", null],
      ["C0002", "created", null],
      ["C0003", "updated", null],
      ["C0004", "created", null],
      ["C0005", "created", null],
    ]);
  });
});
