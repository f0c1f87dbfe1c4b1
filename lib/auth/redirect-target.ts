/** Only same-site paths: `//evil.example` and absolute URLs would turn sign-in into an open redirect. */
export function safeRedirectTarget(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
