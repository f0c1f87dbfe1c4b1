// Pieces the recharts charts share; no "use client" here, the charts that import them are client components.

/**
 * Legend entries in the page's text colour: recharts colours each label like its series, which for
 * a pale series (the checks bars) left the legend nearly invisible.
 */
export function legendText(value: string) {
  return <span style={{ color: "var(--color-foreground)" }}>{value}</span>;
}

type DotProps = { cx?: number; cy?: number; index?: number; key?: React.Key | null };

/**
 * A line's dot where the line has no neighbour to draw to (the only hour with data, or one between
 * gaps): with `dot={false}` such a point was not drawn at all, so an hour of data showed no line.
 */
export function isolatedDot(values: (number | null)[], color: string) {
  return function IsolatedDot({ cx, cy, index = 0, key }: DotProps) {
    const alone = values[index] !== null && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null;
    if (!alone || cx === undefined || cy === undefined) return null;
    return <circle key={String(key ?? index)} cx={cx} cy={cy} r={3} fill={color} stroke="none" />;
  };
}
