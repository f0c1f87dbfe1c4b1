export type QuietHours = { start: string | null; end: string | null; timezone: string };

function minutesOf(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h! * 60 + m!;
}

/** Minutes since local midnight in `timezone`. */
function localMinutes(now: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}

/** Whether `now` falls in the quiet hours; a start after the end spans midnight (22:00–07:00). */
export function isQuiet(quiet: QuietHours, now: Date): boolean {
  if (!quiet.start || !quiet.end) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const at = localMinutes(now, quiet.timezone);
  return start < end ? at >= start && at < end : at >= start || at < end;
}
