import { and, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { emitEvent } from "@/lib/audit";

/**
 * Raises `api_key.rotation_due` for live keys older than their rotation period, once per period:
 * the next reminder for a key that is still not rotated goes out one period after the last (run hourly).
 */
export async function notifyKeysDueForRotation(now = new Date()): Promise<number> {
  const at = now.toISOString();
  return db().transaction(async (tx) => {
    const due = await tx
      .update(apiKeys)
      .set({ rotationNotifiedAt: now })
      .where(
        and(
          isNotNull(apiKeys.rotationFrequencyDays),
          isNull(apiKeys.revokedAt),
          isNull(apiKeys.rotatedAt),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
          lte(
            sql`coalesce(${apiKeys.rotationNotifiedAt}, ${apiKeys.createdAt}) + ${apiKeys.rotationFrequencyDays} * interval '1 day'`,
            sql`${at}::timestamptz`,
          ),
        ),
      )
      .returning({
        id: apiKeys.id,
        tenantId: apiKeys.tenantId,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        rotationFrequencyDays: apiKeys.rotationFrequencyDays,
      });
    for (const key of due) {
      await emitEvent(
        key.tenantId,
        "api_key.rotation_due",
        {
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          created_at: key.createdAt.toISOString(),
          rotation_frequency_days: key.rotationFrequencyDays,
        },
        tx,
      );
    }
    return due.length;
  });
}
