import { and, eq, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { idempotencyRecords } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/hash";
import { AppError } from "@/lib/errors";
import { readBodyText } from "./read-json";

const KEEP_MS = 24 * 3600 * 1000;

/**
 * Runs a POST at most once per Idempotency-Key (per tenant): the first response is kept for
 * 24 hours and replayed for the same key and request; the same key with another request is
 * refused, and so is a retry while the first is still running. A 5xx is not kept, so the
 * client's retry really runs again.
 */
export async function withIdempotency(req: Request, tenantId: string, run: () => Promise<Response>, now = new Date()): Promise<Response> {
  const key = req.headers.get("idempotency-key");
  if (key === null) return run();
  if (key.length === 0 || key.length > 255) {
    throw new AppError("bad_request", "Idempotency-Key must be 1 to 255 characters.");
  }
  const url = new URL(req.url);
  const requestHash = sha256Hex(`${req.method} ${url.pathname}${url.search}\n${await readBodyText(req.clone())}`);
  const where = and(eq(idempotencyRecords.tenantId, tenantId), eq(idempotencyRecords.key, key));

  await db()
    .delete(idempotencyRecords)
    .where(and(where, lt(idempotencyRecords.expiresAt, now)));
  const claimed = await db()
    .insert(idempotencyRecords)
    .values({ tenantId, key, requestHash, expiresAt: new Date(now.getTime() + KEEP_MS) })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key });

  if (claimed.length === 0) {
    const [existing] = await db().select().from(idempotencyRecords).where(where);
    if (!existing) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress.");
    if (existing.requestHash !== requestHash) {
      throw new AppError("validation_failed", "This Idempotency-Key was already used with a different request.", {
        "Idempotency-Key": "Use a new key for a different request.",
      });
    }
    if (existing.responseStatus === null) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress.");
    return new Response(existing.responseBody, {
      status: existing.responseStatus,
      headers: { "Content-Type": existing.responseContentType ?? "application/json", "Idempotent-Replayed": "true" },
    });
  }

  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await db().delete(idempotencyRecords).where(where);
    throw error;
  }
  if (response.status >= 500) {
    await db().delete(idempotencyRecords).where(where);
    return response;
  }
  const body = await response.clone().text();
  await db()
    .update(idempotencyRecords)
    .set({ responseStatus: response.status, responseBody: body, responseContentType: response.headers.get("content-type") })
    .where(where);
  return response;
}

export async function pruneIdempotencyRecords(now = new Date()): Promise<void> {
  await db().delete(idempotencyRecords).where(lt(idempotencyRecords.expiresAt, now));
}
