import { describe, expect, it } from "vitest";
import { hitLimit, peekLimit } from "./fixed-window";
import { blockSize, consumeLeased, consumeLeasedAll } from "./lease";

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

describe("a request against several windows", () => {
  it("spends no window when a later one refuses it", async () => {
    const wide = { key: "k5:wide", rule: { limit: 10, windowSeconds: 60 } };
    const narrow = { key: "k5:narrow", rule: { limit: 2, windowSeconds: 60 } };
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (!(await consumeLeasedAll([wide, narrow], now)).over) admitted++;
    expect(admitted).toBe(2);
    // The wide window was spent only by the two calls both admitted.
    let alone = 0;
    for (let i = 0; i < 20; i++) if (!(await consumeLeased(wide.key, wide.rule, now)).exceeded) alone++;
    expect(alone).toBe(8);
  });

  it("reports the refusing window, and never admits past any window's limit", async () => {
    const first = { key: "k6:first", rule: { limit: 3, windowSeconds: 60 } };
    const second = { key: "k6:second", rule: { limit: 10, windowSeconds: 3600 } };
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => consumeLeasedAll([first, second], now)));
    expect(verdicts.filter((v) => !v.over)).toHaveLength(3);
    expect(verdicts.find((v) => v.over)?.over).toMatchObject({ limit: 3, remaining: 0 });
    let later = 0;
    for (let i = 0; i < 20; i++) if (!(await consumeLeased(second.key, second.rule, now)).exceeded) later++;
    expect(later).toBe(7);
  });
});
