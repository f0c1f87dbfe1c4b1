import type { HourlyUsage } from "@/lib/api-keys/usage";

const BAR = 4;
const GAP = 1;
const HEIGHT = 28;

/** Requests per hour over the last day; the part refused with 429 in red. */
export function UsageBars({ usage }: { usage: HourlyUsage[] }) {
  const peak = Math.max(1, ...usage.map((u) => u.requests + u.rateLimited));
  const total = usage.reduce((sum, u) => sum + u.requests, 0);
  const limited = usage.reduce((sum, u) => sum + u.rateLimited, 0);
  const label = `${total} requests in the last 24 hours${limited ? `, ${limited} refused by the rate limit` : ""}`;
  return (
    <svg role="img" aria-label={label} width={usage.length * (BAR + GAP)} height={HEIGHT} className="block">
      <title>{label}</title>
      {usage.map((u, i) => {
        const ok = (u.requests / peak) * HEIGHT;
        const refused = (u.rateLimited / peak) * HEIGHT;
        const x = i * (BAR + GAP);
        return (
          <g key={u.hour.toISOString()}>
            <rect x={x} y={HEIGHT - ok} width={BAR} height={ok} className="fill-primary" />
            <rect x={x} y={HEIGHT - ok - refused} width={BAR} height={refused} className="fill-danger" />
          </g>
        );
      })}
    </svg>
  );
}
