import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { env } from "@/lib/env";
import { blockSize } from "@/lib/rate-limit";
import { ownerContext } from "@/tests/fixtures";
import { runInstance } from "@/tests/peers/instance";

// Several app instances need a shared PostgreSQL; the embedded database admits one process.
const sharedDatabase = Boolean(env().databaseUrl);

describe.runIf(sharedDatabase)("per-key limits across app instances", () => {
  it("two instances on one database together allow no more than the limit", async () => {
    const owner = await ownerContext();
    const limit = 50;
    const { key } = await createApiKey(owner, {
      name: "Shared",
      scopes: ["integrations:read"],
      rate_limit_per_minute: limit,
      rate_limit_per_hour: 1000,
    });
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1_000).toISOString();
    const instance = () => runInstance("tests/peers/limit-instance.ts", [key, "60", at]);
    const [a, b] = await Promise.all([instance(), instance()]);
    const total = Number(a.stdout.trim()) + Number(b.stdout.trim());
    expect(total).toBeLessThanOrEqual(limit);
    // Each instance may be left holding at most one unused block when it stops.
    expect(total).toBeGreaterThanOrEqual(limit - 2 * blockSize(limit));
  }, 60_000);

  it("calls one instance's minute window refuses spend no instance's hourly budget", async () => {
    const owner = await ownerContext();
    const perMinute = 20;
    const { key } = await createApiKey(owner, {
      name: "Hammered",
      scopes: ["integrations:read"],
      rate_limit_per_minute: perMinute,
      rate_limit_per_hour: 100,
    });
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const minutes = [0, 1, 2].map((m) => new Date(hour + m * 60_000 + 1_000).toISOString()).join(",");
    const instance = () => runInstance("tests/peers/limit-instance.ts", [key, "100", minutes]);
    const [a, b] = await Promise.all([instance(), instance()]);
    const total = Number(a.stdout.trim()) + Number(b.stdout.trim());
    // Three minutes of the minute limit, the 540 refused calls spending none of the hour's 100.
    expect(total).toBeLessThanOrEqual(3 * perMinute);
    expect(total).toBeGreaterThanOrEqual(3 * (perMinute - 2 * blockSize(perMinute)));
  }, 60_000);
});
