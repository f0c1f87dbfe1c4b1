/** SQLSTATEs the app reacts to. */
export const PG = { uniqueViolation: "23505", foreignKeyViolation: "23503" } as const;

/** Whether a database error (drizzle wraps the driver's error as its `cause`) carries this SQLSTATE. */
export function hasPgCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === code) return true;
  }
  return false;
}
