import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, executeSql } from "@/db/client";
import { auditEvents, fileChunks } from "@/db/schema";
import { storeFile } from "@/lib/files/chunks";
import { createEntity } from "@/lib/sync";
import { ownerContext } from "@/tests/fixtures";
import { dryRunImport } from "./dry-run";
import { executeImport } from "./execute";
import { IMPORT_JOBS } from "./jobs";
import { IMPORT_QUEUES } from "./jobs-queue";
import { pruneAbandonedUploads } from "./prune";
import { importStatus } from "./status";
import { uploadImport } from "./upload";

const bytes = (text: string) =>
  (async function* () {
    yield new TextEncoder().encode(text);
  })();

const chunksOf = async (fileId: string) => (await db().select().from(fileChunks).where(eq(fileChunks.fileId, fileId))).length;

async function upload(owner: Awaited<ReturnType<typeof ownerContext>>, name: string) {
  return uploadImport(owner, {
    fileName: name,
    source: bytes("Code,Name\nC1,One\nC2,Two\n"),
    options: () => ({ target: "entity:customer" }),
  });
}

describe("pruning uploads nobody imported", () => {
  it("deletes the file of an import left at upload or dry run past the retention, marks it failed and audits it; fresh ones stay", async () => {
    const owner = await ownerContext();
    await createEntity(owner, {
      key: "customer",
      name: "Customers",
      fields: [
        { key: "code", type: "string", required: true },
        { key: "name", type: "string" },
      ],
      key_fields: ["code"],
    });
    const leftAtUpload = await upload(owner, "old.csv");
    const leftAtDryRun = await upload(owner, "dry.csv");
    await dryRunImport(owner, { import_id: leftAtDryRun.id, mapping: { code: "Code", name: "Name" } });
    const fresh = await upload(owner, "fresh.csv");
    const queued = await upload(owner, "queued.csv");
    await dryRunImport(owner, { import_id: queued.id, mapping: { code: "Code", name: "Name" } });
    await executeImport(owner, { import_id: queued.id }, async () => {});
    const ago = new Date(Date.now() - 4 * 86_400_000).toISOString();
    for (const id of [leftAtUpload.id, leftAtDryRun.id, queued.id])
      await executeSql(`update import_jobs set updated_at = '${ago}' where id = '${id}'`);

    // An upload cut off before its import row existed: chunks nobody owns, one old and one being written now.
    const orphanOld = randomUUID();
    const orphanNew = randomUUID();
    await storeFile(owner, orphanOld, bytes("x".repeat(10)), 1024);
    await storeFile(owner, orphanNew, bytes("y".repeat(10)), 1024);
    await executeSql(`update file_chunks set created_at = '${ago}' where file_id = '${orphanOld}'`);

    expect(await pruneAbandonedUploads()).toEqual({ abandoned: 2, orphanChunks: 1 });
    for (const id of [leftAtUpload.id, leftAtDryRun.id, orphanOld]) expect(await chunksOf(id)).toBe(0);
    for (const id of [fresh.id, queued.id, orphanNew]) expect(await chunksOf(id)).toBe(1);

    const status = await importStatus(owner, leftAtUpload.id);
    expect(status).toMatchObject({ status: "failed", error: expect.stringContaining("Upload the file again") });
    expect((await importStatus(owner, queued.id)).status).toBe("pending");
    await expect(dryRunImport(owner, { import_id: leftAtDryRun.id, mapping: { code: "Code" } })).rejects.toMatchObject({
      code: "conflict",
    });
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.action, "import.abandoned"));
    expect(audits.map((a) => a.targetId).sort()).toEqual([leftAtUpload.id, leftAtDryRun.id].sort());
    expect(audits[0]).toMatchObject({ actorType: "system", tenantId: owner.tenant.id });

    expect(await pruneAbandonedUploads()).toEqual({ abandoned: 0, orphanChunks: 0 });
  });

  it("runs in the hourly retention job beside the export prune", async () => {
    const job = IMPORT_JOBS.find((j) => j.queue === IMPORT_QUEUES.prune)!;
    expect(job.cron).toBeTruthy();
    const orphan = randomUUID();
    const owner = await ownerContext();
    await storeFile(owner, orphan, bytes("z"), 1024);
    await executeSql(`update file_chunks set created_at = now() - interval '30 days' where file_id = '${orphan}'`);
    await job.handler([], undefined as never);
    expect(await chunksOf(orphan)).toBe(0);
  });
});
