import { setTimeout as sleep } from "node:timers/promises";
import { logEvent } from "@/lib/log";

// Server-side SQLSTATEs for "the server went away or is not taking connections" (class 08,
// admin shutdown, crash shutdown, cannot connect now), and the socket and driver errors of
// pg (pg-boss's pool) and postgres.js (the app's pool) for the same thing.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|server closed the connection|Client has encountered a connection error/i;

/** Whether an error (or one it wraps, as drizzle does) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CODES.has(code))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/**
 * postgres.js 3.4.9 can write to a connection whose socket already closed, from a timer, so the
 * TypeError escapes every caller as an uncaught exception (porsager/postgres#1154, #1208). It
 * happens when the server goes away; the connection it came from cannot be trusted afterwards.
 */
export function isDriverCrashOnClosedSocket(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.includes("reading 'write'") &&
    /nextWrite/.test(error.stack ?? "") &&
    /[\\/]postgres[\\/]/.test(error.stack ?? "")
  );
}

function codeOf(error: unknown): string {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string") return code;
  }
  return "unknown";
}

export const PROBE_BACKOFF_MS = { first: 500, max: 15_000 };

/**
 * Tracks one outage at a time: the first error that says the database is gone logs one line and
 * starts a probe that retries with doubling waits; the probe's first success logs one line and
 * runs `onBack` (to re-seed self-rescheduling jobs whose chain broke while the database was away).
 * Errors during the outage are expected and not logged again.
 */
export class DatabaseOutage {
  private probing: Promise<void> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly onBack: () => Promise<void>,
  ) {}

  get down(): boolean {
    return this.probing !== null;
  }

  /** Answers whether `error` was an outage (and is handled here). */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.probing && !this.stopped) {
      logEvent("warn", "jobs: database unavailable; workers keep retrying until it is back", { code: codeOf(error) });
      this.probing = this.waitUntilBack().finally(() => (this.probing = null));
    }
    return true;
  }

  private async waitUntilBack(): Promise<void> {
    const since = Date.now();
    for (let wait = PROBE_BACKOFF_MS.first; !this.stopped; wait = Math.min(wait * 2, PROBE_BACKOFF_MS.max)) {
      await sleep(wait, undefined, { signal: this.abort.signal }).catch(() => {});
      if (this.stopped) return;
      try {
        await this.probe();
      } catch {
        continue;
      }
      logEvent("info", "jobs: database is back; workers resumed", { downForMs: Date.now() - since });
      await this.onBack().catch((error: unknown) => this.report(error));
      return;
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }
}
