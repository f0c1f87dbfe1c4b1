import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { consumeKeyLimits } from "./limits";

const startOfHour = Date.parse("2026-11-23T10:00:00Z");
const minute = (m: number) => new Date(startOfHour + m * 60_000 + 1_000);

describe("per-key limits count only admitted requests", () => {
  it("a client hammering past its minute limit keeps its hourly budget for the minutes after", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, {
      name: "Hammer",
      scopes: ["integrations:read"],
      rate_limit_per_minute: 5,
      rate_limit_per_hour: 50,
    });
    const auth = await authenticateApiKey(key, null);
    if (!auth.ok) throw new Error("the key did not authenticate");
    const admittedPerMinute: number[] = [];
    for (let m = 0; m < 12; m++) {
      let admitted = 0;
      for (let i = 0; i < 30; i++) if ((await consumeKeyLimits(auth.key, minute(m))).allowed) admitted++;
      admittedPerMinute.push(admitted);
    }
    // 5 a minute for ten minutes is the hour's 50; the 250 refused calls spent nothing.
    expect(admittedPerMinute).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0]);
    const refused = await consumeKeyLimits(auth.key, minute(12));
    expect(refused).toMatchObject({ allowed: false, state: { limit: 50, remaining: 0 } });
  });
});
