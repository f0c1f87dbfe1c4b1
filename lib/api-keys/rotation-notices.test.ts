import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { createApiKey, listApiKeys, rotateApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { notifyKeysDueForRotation } from "./rotation-notices";

const DAY = 24 * 3600 * 1000;
const later = (days: number) => new Date(Date.now() + days * DAY);
const reminders = async () =>
  (await db().select().from(outboxEvents).where(eq(outboxEvents.type, "api_key.rotation_due"))).map((e) => e.payload.id);

describe("API key rotation reminders", () => {
  it("raise api_key.rotation_due once when a key outlives its rotation period, not before, and again a period later", async () => {
    const owner = await ownerContext();
    const due = await createApiKey(owner, { name: "CI", scopes: ["integrations:read"], rotation_frequency_days: 30 });
    await createApiKey(owner, { name: "No period", scopes: ["integrations:read"] });
    await createApiKey(owner, { name: "Long period", scopes: ["integrations:read"], rotation_frequency_days: 365 });

    expect(await notifyKeysDueForRotation(later(29))).toBe(0);
    expect((await listApiKeys(owner, later(29))).find((k) => k.id === due.id)!.rotationDue).toBe(false);
    expect(await notifyKeysDueForRotation(later(31))).toBe(1);
    expect(await notifyKeysDueForRotation(later(32))).toBe(0);
    expect(await reminders()).toEqual([due.id]);
    expect((await listApiKeys(owner, later(31))).filter((k) => k.rotationDue).map((k) => k.name)).toEqual(["CI"]);

    expect(await notifyKeysDueForRotation(later(62))).toBe(1);
    expect(await reminders()).toEqual([due.id, due.id]);
  });

  it("stop once the key is rotated; its replacement starts a new period with the same setting", async () => {
    const owner = await ownerContext();
    const old = await createApiKey(owner, { name: "CI", scopes: ["integrations:read"], rotation_frequency_days: 30, notes: "Deploys" });
    const rotated = await rotateApiKey(owner, { id: old.id, grace_period_hours: 0 });
    const keys = await listApiKeys(owner, later(10));
    expect(keys.find((k) => k.id === rotated.id)).toMatchObject({ rotationFrequencyDays: 30, notes: "Deploys", rotationDue: false });
    expect(await notifyKeysDueForRotation(later(10))).toBe(0);
    expect(await reminders()).toEqual([]);
  });
});
