import type { HourlyUsage } from "@/lib/api-keys/usage";

const BAR = 4;
const GAP = 1;
const HEIGHT = 28;

/** Requests per hour over the given hours (a day in the table, a week on a key's page); the part refused with 429 in red. */
export function UsageBars({ usage, height = HEIGHT }: { usage: HourlyUsage[]; height?: number }) {
  const peak = Math.max(1, ...usage.map((u) => u.requests + u.rateLimited));
  const total = usage.reduce((sum, u) => sum + u.requests, 0);
  const limited = usage.reduce((sum, u) => sum + u.rateLimited, 0);
  const label = `${total} requests in the last ${usage.length === 24 ? "24 hours" : `${usage.length / 24} days`}${limited ? `, ${limited} refused by the rate limit` : ""}`;
  return (
    <svg role="img" aria-label={label} width={usage.length * (BAR + GAP)} height={height} className="block">
      <title>{label}</title>
      {usage.map((u, i) => {
        const ok = (u.requests / peak) * height;
        const refused = (u.rateLimited / peak) * height;
        const x = i * (BAR + GAP);
        return (
          <g key={u.hour.toISOString()}>
            <rect x={x} y={height - ok} width={BAR} height={ok} className="fill-primary" />
            <rect x={x} y={height - ok - refused} width={BAR} height={refused} className="fill-danger" />
          </g>
        );
      })}
    </svg>
  );
}
