/** Structured log lines on stderr; callers pass context that has already been redacted. */
export function logError(message: string, error: unknown, context: Record<string, unknown> = {}): void {
  const detail = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, ...context, ...detail }));
}

/** A structured line about the process's own state (no error attached), e.g. the database coming back. */
export function logEvent(level: "info" | "warn", message: string, context: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ level, time: new Date().toISOString(), message, ...context }));
}
