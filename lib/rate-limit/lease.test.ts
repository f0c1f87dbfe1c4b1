import { describe, expect, it } from "vitest";
import { hitLimit, peekLimit } from "./fixed-window";
import { blockSize, consumeLeased } from "./lease";

const rule = { limit: 100, windowSeconds: 60 };
const now = new Date("2026-11-23T10:00:05Z");

describe("leased rate limit blocks", () => {
  it("serves exactly the limit from blocks, writing once per block", async () => {
    let allowed = 0;
    for (let i = 0; i < 130; i++) if (!(await consumeLeased("k1", rule, now)).exceeded) allowed++;
    expect(allowed).toBe(100);
    expect(blockSize(rule.limit)).toBe(5);
  });

  it("never lets this instance and another together exceed the limit", async () => {
    let mine = 0;
    for (let i = 0; i < 40; i++) if (!(await consumeLeased("k2", rule, now)).exceeded) mine++;
    // Another instance takes what is left in the shared window, in its own blocks.
    let theirs = 0;
    while (true) {
      const block = await hitLimit("k2", rule, 5, now);
      const granted = Math.max(0, Math.min(5, rule.limit - (block.count - 5)));
      if (granted === 0) break;
      theirs += granted;
    }
    for (let i = 0; i < 40; i++) if (!(await consumeLeased("k2", rule, now)).exceeded) mine++;
    expect(mine + theirs).toBeLessThanOrEqual(rule.limit);
    expect(mine).toBeGreaterThanOrEqual(40);
  });

  it("starts afresh in the next window", async () => {
    for (let i = 0; i < 101; i++) await consumeLeased("k3", rule, now);
    expect((await consumeLeased("k3", rule, now)).exceeded).toBe(true);
    const next = new Date(now.getTime() + 60_000);
    expect((await consumeLeased("k3", rule, next)).exceeded).toBe(false);
    expect((await peekLimit("k3", rule, next)).count).toBe(5);
  });
});

describe("leased blocks under concurrency", () => {
  it("serves the whole limit to many concurrent callers, reserving one block at a time", async () => {
    const limit = { limit: 200, windowSeconds: 60 };
    const verdicts = await Promise.all(Array.from({ length: 260 }, () => consumeLeased("k4", limit, now)));
    expect(verdicts.filter((v) => !v.exceeded)).toHaveLength(200);
    expect((await peekLimit("k4", limit, now)).count).toBeLessThanOrEqual(200 + blockSize(200));
  });
});
