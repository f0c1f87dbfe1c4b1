// Shared by server actions and the client forms that call them; no server imports here.
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
