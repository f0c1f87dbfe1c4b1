import { db, type Db } from "@/db/client";
import { auditEvents, outboxEvents, type ActorType } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { redact } from "./redact";

export type Actor = {
  type: ActorType;
  id?: string | null;
  label?: string | null;
  ip?: string | null;
};

export const SYSTEM_ACTOR: Actor = { type: "system", label: "Patchbay" };

export type AuditInput = {
  tenantId?: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
};

/** Written inside the caller's transaction when given one, so the event and the change land together. */
export async function recordAudit(input: AuditInput, tx: Db = db()): Promise<void> {
  await tx.insert(auditEvents).values({
    tenantId: input.tenantId ?? null,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorLabel: input.actor.label ?? null,
    ip: input.actor.ip ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    details: redact(input.details ?? {}) as Record<string, unknown>,
  });
}

/** Webhook subscribers commonly cap bodies near this size; a bigger event would fail at every one of them. */
export const MAX_EVENT_PAYLOAD_BYTES = 256 * 1024;

export async function emitEvent(tenantId: string, type: string, payload: Record<string, unknown>, tx: Db = db()): Promise<void> {
  const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The ${type} event payload is ${Math.ceil(bytes / 1024)} KB; events are limited to ${MAX_EVENT_PAYLOAD_BYTES / 1024} KB. Send a reference (an id) instead of the data.`,
    );
  }
  await tx.insert(outboxEvents).values({ tenantId, type, payload });
}
