import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { notifyExpiringKeys } from "./expiry-notices";

const DAY = 24 * 3600 * 1000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe("API key expiry notices", () => {
  it("raises api_key.expiring once for keys expiring within seven days, and not for the rest", async () => {
    const owner = await ownerContext();
    const soon = await createApiKey(owner, { name: "Soon", scopes: ["integrations:read"], expires_on: dayFromNow(3) });
    await createApiKey(owner, { name: "Later", scopes: ["integrations:read"], expires_on: dayFromNow(30) });
    await createApiKey(owner, { name: "Never", scopes: ["integrations:read"] });
    expect(await notifyExpiringKeys()).toBe(1);
    expect(await notifyExpiringKeys()).toBe(0);
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "api_key.expiring"));
    expect(events.map((e) => e.payload.id)).toEqual([soon.id]);
  });
});
