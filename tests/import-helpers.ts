import { expect } from "vitest";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

/** Calls a route module's handler as the server would, with an API key. */
export async function callRoute(
  handler: unknown,
  key: string,
  path: string,
  init: { method?: string; body?: unknown; form?: FormData; params?: object } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? (init.body !== undefined || init.form ? "POST" : "GET"),
    headers,
    body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  return (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
}

export async function jsonOf(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

export function fileForm(name: string, bytes: Uint8Array | string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([typeof bytes === "string" ? bytes : Buffer.from(bytes)]), name);
  return form;
}
