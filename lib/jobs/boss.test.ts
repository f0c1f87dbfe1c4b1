import { afterAll, describe, expect, it } from "vitest";
import { startJobs, stopJobs } from "./boss";

afterAll(() => stopJobs());

describe("background jobs", () => {
  it("runs a queued job through pg-boss on this database (PGlite or PostgreSQL)", async () => {
    const received: unknown[] = [];
    let done: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const boss = await startJobs({
      workers: true,
      pollingIntervalSeconds: 0.5,
      jobs: [
        {
          queue: "test.echo",
          handler: async (jobs) => {
            received.push(...jobs.map((j) => j.data));
            done();
          },
        },
      ],
    });
    await boss.send("test.echo", { hello: "world" });
    await finished;
    expect(received).toEqual([{ hello: "world" }]);
  }, 60_000);
});
