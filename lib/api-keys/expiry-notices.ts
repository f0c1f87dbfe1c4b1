import { and, gt, isNull, lte } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { emitEvent } from "@/lib/audit";

const NOTICE_AHEAD_MS = 7 * 24 * 3600 * 1000;

/** Raises `api_key.expiring` once per key, seven days before it expires (run hourly). */
export async function notifyExpiringKeys(now = new Date()): Promise<number> {
  return db().transaction(async (tx) => {
    const due = await tx
      .update(apiKeys)
      .set({ expiryNotifiedAt: now })
      .where(
        and(
          isNull(apiKeys.expiryNotifiedAt),
          isNull(apiKeys.revokedAt),
          isNull(apiKeys.rotatedAt),
          gt(apiKeys.expiresAt, now),
          lte(apiKeys.expiresAt, new Date(now.getTime() + NOTICE_AHEAD_MS)),
        ),
      )
      .returning({ id: apiKeys.id, tenantId: apiKeys.tenantId, name: apiKeys.name, prefix: apiKeys.prefix, expiresAt: apiKeys.expiresAt });
    for (const key of due) {
      await emitEvent(
        key.tenantId,
        "api_key.expiring",
        { id: key.id, name: key.name, prefix: key.prefix, expires_at: key.expiresAt!.toISOString() },
        tx,
      );
    }
    return due.length;
  });
}
