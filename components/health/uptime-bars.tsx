import { formatUptime } from "./format";

type Slot = { label: string; checks: number; failures: number };

function tone(slot: Slot) {
  if (slot.checks === 0) return "fill-neutral-border";
  const uptime = (slot.checks - slot.failures) / slot.checks;
  if (uptime === 1) return "fill-success-fg";
  return uptime >= 0.95 ? "fill-warning-fg" : "fill-danger";
}

/** One bar per hour or day, coloured by its uptime, as status pages show it. */
export function UptimeBars({ slots, label }: { slots: Slot[]; label: string }) {
  const width = 100 / Math.max(1, slots.length);
  const checks = slots.reduce((s, x) => s + x.checks, 0);
  const failures = slots.reduce((s, x) => s + x.failures, 0);
  const summary = `${label}: ${checks === 0 ? "no checks yet" : `${formatUptime(Math.round(((checks - failures) / checks) * 10_000) / 100)} uptime over ${checks} checks`}`;
  return (
    <svg role="img" aria-label={summary} viewBox="0 0 100 10" preserveAspectRatio="none" className="block h-8 w-full">
      <title>{summary}</title>
      {slots.map((slot, i) => (
        <rect key={slot.label} x={i * width + width * 0.1} y={0} width={width * 0.8} height={10} rx={0.3} className={tone(slot)}>
          <title>{`${slot.label}: ${slot.checks === 0 ? "no checks" : `${slot.checks - slot.failures}/${slot.checks} succeeded`}`}</title>
        </rect>
      ))}
    </svg>
  );
}

/** Hourly points summed per day, for the 30-day view. */
export function dailySlots(points: { hour: string; checks: number; failures: number }[]): Slot[] {
  const days = new Map<string, Slot>();
  for (const p of points) {
    const day = p.hour.slice(0, 10);
    const slot = days.get(day) ?? { label: day, checks: 0, failures: 0 };
    slot.checks += p.checks;
    slot.failures += p.failures;
    days.set(day, slot);
  }
  return [...days.values()];
}
