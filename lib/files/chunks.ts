import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, gt } from "drizzle-orm";
import { FILE_CHUNKS_COLUMN, fileChunks } from "@/db/schema";
import { contextFor, decryptSecret, encryptSecret } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";

/** 1 MB: big enough that a 1 GB file is a thousand rows, small enough that a worker holds one at a time. */
export const CHUNK_BYTES = 1024 * 1024;

export type StoredFile = { bytes: number; sha256: string; chunks: number };

function seal(scope: TenantScope, bytes: Uint8Array) {
  const id = randomUUID();
  return {
    id,
    data: encryptSecret(Buffer.from(bytes).toString("base64"), contextFor(FILE_CHUNKS_COLUMN, { id, tenantId: scope.tenant.id })),
  };
}

export function tooLarge(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new AppError("payload_too_large", `The file is larger than the ${mb} MB limit.`, { file: `At most ${mb} MB.` });
}

/**
 * Stores a stream as encrypted 1 MB chunks of `fileId`, each in its own short transaction (a
 * 1 GB upload must not hold one open). Over `maxBytes` or on any failure, what was written is
 * deleted again before the error goes on: nothing half-stored remains.
 */
export async function storeFile(
  scope: TenantScope,
  fileId: string,
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<StoredFile> {
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let seq = 0;
  const flush = async (all: boolean) => {
    while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending);
      const part = joined.subarray(0, CHUNK_BYTES);
      pending = joined.length > CHUNK_BYTES ? [joined.subarray(CHUNK_BYTES)] : [];
      pendingBytes = joined.length - part.length;
      const sealed = seal(scope, part);
      const chunk = { ...sealed, tenantId: scope.tenant.id, fileId, seq: seq++ };
      await withTenant(scope, (tx) => tx.insert(fileChunks).values(chunk));
    }
  };
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      hash.update(chunk);
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.length;
      await flush(false);
    }
    await flush(true);
  } catch (error) {
    await deleteFile(scope, fileId);
    throw error;
  }
  return { bytes, sha256: hash.digest("hex"), chunks: seq };
}

/** Writes already-built bytes (an export) as chunks of `fileId`. */
export async function storeBuffers(scope: TenantScope, fileId: string, parts: AsyncIterable<Uint8Array>): Promise<StoredFile> {
  return storeFile(scope, fileId, parts, Number.MAX_SAFE_INTEGER);
}

/** A stored file's bytes, read a chunk at a time in order; each call starts over (a pass of the parser). */
export function openFile(scope: TenantScope, fileId: string) {
  return async function* (): AsyncGenerator<Uint8Array> {
    let seq = -1;
    for (;;) {
      const [row] = await withTenant(scope, (tx) =>
        tx
          .select()
          .from(fileChunks)
          .where(and(eq(fileChunks.tenantId, scope.tenant.id), eq(fileChunks.fileId, fileId), gt(fileChunks.seq, seq)))
          .orderBy(asc(fileChunks.seq))
          .limit(1),
      );
      if (!row) return;
      seq = row.seq;
      yield Buffer.from(decryptSecret(row.data, contextFor(FILE_CHUNKS_COLUMN, { id: row.id, tenantId: row.tenantId })), "base64");
    }
  };
}

export async function deleteFile(scope: TenantScope, fileId: string): Promise<void> {
  await withTenant(scope, (tx) =>
    tx.delete(fileChunks).where(and(eq(fileChunks.tenantId, scope.tenant.id), eq(fileChunks.fileId, fileId))),
  );
}
