/** Drives calls at a fixed concurrency and reports throughput and latency percentiles. */
export type Figures = { name: string; requests: number; rps: number; p50: number; p99: number };

type Side = { name: string; call: () => Promise<void>; latencies: number[]; seconds: number };

async function run(side: Side, seconds: number, concurrency: number) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await side.call();
        side.latencies.push(performance.now() - t);
      }
    }),
  );
  side.seconds += (performance.now() - started) / 1000;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * Runs the calls in alternating rounds rather than one after the other, so a machine shared
 * with other work slows both sides alike instead of whichever ran second; each round starts
 * with the next side (A B C, B C A, …) so none always follows the same neighbour's garbage.
 */
export async function compare(
  calls: { name: string; call: () => Promise<void> }[],
  { seconds, concurrency, rounds = 2 * calls.length }: { seconds: number; concurrency: number; rounds?: number },
): Promise<Figures[]> {
  const sides: Side[] = calls.map((c) => ({ ...c, latencies: [], seconds: 0 }));
  for (const side of sides) for (let i = 0; i < 200; i++) await side.call();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < sides.length; i++) await run(sides[(round + i) % sides.length]!, seconds / rounds, concurrency);
  }
  return sides.map((side) => {
    const sorted = [...side.latencies].sort((a, b) => a - b);
    const figures = { name: side.name, requests: sorted.length, rps: sorted.length / side.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
    console.log(
      `${side.name.padEnd(40)} ${figures.rps.toFixed(0).padStart(7)} req/s   p50 ${figures.p50.toFixed(2)} ms   p99 ${figures.p99.toFixed(2)} ms`,
    );
    return figures;
  });
}

export function printCost(base: Figures, full: Figures) {
  console.log(
    `\nthroughput ratio ${(full.rps / base.rps).toFixed(2)} (auth + rate limit cost ${((1 - full.rps / base.rps) * 100).toFixed(1)}% of throughput; target < 20%)`,
  );
  console.log(`p50 added ${(full.p50 - base.p50).toFixed(2)} ms (target < 1 ms)`);
}
