const WIDTH = 96;
const HEIGHT = 24;

/** Hourly p95 over the last day as a small line; hours without checks leave a gap, fewer than two hours say so. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  // One point is a dot, not a trend: say so rather than draw it.
  if (values.filter((v) => v !== null).length < 2) {
    return (
      <span className="text-xs text-muted-foreground">
        <span className="sr-only">{label}: </span>Not enough data yet
      </span>
    );
  }
  const peak = Math.max(1, ...values.map((v) => v ?? 0));
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
      return;
    }
    current.push(`${(i * step).toFixed(1)},${(HEIGHT - 2 - (v / peak) * (HEIGHT - 4)).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  return (
    <svg role="img" aria-label={label} width={WIDTH} height={HEIGHT} className="block overflow-visible">
      <title>{label}</title>
      {segments.map((points) =>
        points.includes(" ") ? (
          <polyline key={points} points={points} fill="none" strokeWidth={1.5} className="stroke-primary" />
        ) : (
          <circle key={points} cx={points.split(",")[0]} cy={points.split(",")[1]} r={1.5} className="fill-primary" />
        ),
      )}
    </svg>
  );
}
