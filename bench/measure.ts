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
async function compare(
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
    const figures = {
      name: side.name,
      requests: sorted.length,
      rps: sorted.length / side.seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
    };
    console.log(
      `${side.name.padEnd(40)} ${figures.rps.toFixed(0).padStart(7)} req/s   p50 ${figures.p50.toFixed(2)} ms   p99 ${figures.p99.toFixed(2)} ms`,
    );
    return figures;
  });
}

/**
 * The guard's cost from a baseline (first call) and the guarded call (second): throughput at
 * the given concurrency, and latency unloaded. At a concurrency that saturates the server, p50
 * is mostly time queued behind other requests (about concurrency × service time, and shaped by
 * scheduling noise), so the latency figure comes from a second run, one request at a time.
 */
export async function measureCost(
  calls: { name: string; call: () => Promise<void> }[],
  { seconds, concurrency }: { seconds: number; concurrency: number },
) {
  const [base, full] = await compare(calls, { seconds, concurrency });
  let [base1, full1] = [base!, full!];
  if (concurrency > 1) {
    console.log("\nunloaded, one request at a time (for latency):");
    [base1, full1] = (await compare(calls.slice(0, 2), { seconds: Math.max(2, seconds / 2), concurrency: 1 })) as [Figures, Figures];
  }
  console.log(
    `\nthroughput ratio ${(full!.rps / base!.rps).toFixed(2)} at concurrency ${concurrency} (auth + rate limit cost ${((1 - full!.rps / base!.rps) * 100).toFixed(1)}% of throughput; target < 20%)`,
  );
  console.log(
    `p50 added ${(full1.p50 - base1.p50).toFixed(2)} ms unloaded (target < 1 ms)${concurrency > 1 ? `; ${(full!.p50 - base!.p50).toFixed(2)} ms at concurrency ${concurrency}, mostly queueing` : ""}`,
  );
}
