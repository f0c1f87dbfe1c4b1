import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { healthChecks, integrationHealth } from "@/db/schema";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { adoptNewIntegrations } from "./claim";
import { HealthScheduler } from "./scheduler";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

// The database blip, as postgres.js reports it while the server shuts down: the next writes fail,
// then the server is back. Everything else is the real write.
const blip = vi.hoisted(() => ({ failures: 0 }));
vi.mock("./record", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./record")>();
  return {
    ...actual,
    recordCheckResults: async (...args: Parameters<typeof actual.recordCheckResults>) => {
      if (blip.failures > 0) {
        blip.failures -= 1;
        throw Object.assign(new Error("the database system is shutting down"), { code: "57P03" });
      }
      return actual.recordCheckResults(...args);
    },
  };
});

const peer = loopbackPeers();

describe("health results during a database blip", () => {
  it("writes every result once the database answers again instead of dropping the batch", async () => {
    const base = await peer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    const owner = await ownerContext();
    for (let i = 0; i < 7; i++) {
      await createIntegration(owner, {
        name: `Feed ${i}`,
        provider: "custom_rest",
        auth_type: "none",
        base_url: base,
        config: { status_endpoint: `/status/${i}`, polling_interval_seconds: 60, retry_count: 0 },
      });
    }
    await adoptNewIntegrations();
    await db()
      .update(integrationHealth)
      .set({ nextCheckAt: new Date(Date.now() - 1000) });

    blip.failures = 5;
    const scheduler = new HealthScheduler(16);
    await scheduler.runUntil(Date.now() + 1200);
    await scheduler.drain();

    expect(blip.failures).toBe(0);
    expect(await db().select().from(healthChecks)).toHaveLength(7);
    expect(scheduler.writer.written).toBe(7);
  });
});
