"use client";

import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

function relative(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 10) return "just now";
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return date.toISOString();
}

// One shared clock for every timestamp on the page, ticking twice a minute.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Stored in UTC, shown relative ("5 minutes ago") with the local time on hover. */
export function RelativeTime({ value, empty = "Never" }: { value: Date | string | null; empty?: string }) {
  const clock = useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  const date = new Date(value);
  // The server cannot know the viewer's clock or zone: it renders UTC, the browser replaces it.
  return (
    <time dateTime={date.toISOString()} title={clock === null ? undefined : date.toLocaleString()}>
      {clock === null ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : relative(date, clock)}
    </time>
  );
}
