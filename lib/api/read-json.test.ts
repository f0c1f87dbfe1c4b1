import { describe, expect, it } from "vitest";
import { GET as listIntegrations, POST as createIntegration } from "@/app/api/v1/integrations/route";
import { GET as listEvents } from "@/app/api/v1/integrations/[id]/events/route";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function key() {
  return (await createApiKey(await ownerContext(), { name: "Automation", scopes: ["integrations:read", "integrations:write"] })).key;
}

async function send(handler: unknown, apiKey: string, path: string, init: RequestInit & { params?: object } = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${apiKey}`);
  const req = new Request(`http://localhost/api/v1${path}`, { ...init, headers } as RequestInit);
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  return { status: res.status, body: await res.json() };
}

const integration = (extra: object) =>
  JSON.stringify({ name: "Box office", provider: "custom_rest", auth_type: "none", base_url: "https://tickets.example.com", ...extra });
const json = { "content-type": "application/json" };

describe("reading API input", () => {
  it("answers 422 naming the field for NUL or a lone surrogate at any depth of a JSON body", async () => {
    const apiKey = await key();
    const cases: [string, string][] = [
      [integration({ name: "Box\u0000office" }), "name"],
      [integration({ auth_type: "bearer", credentials: { token: "tok\ud800en" } }), "credentials.token"],
      [integration({ config: { status_mapping: { available: ["Open", "\udc00"] } } }), "config.status_mapping.available.1"],
      [integration({ config: { status_mapping: { "bad\u0000key": [] } } }), "config.status_mapping.bad\uFFFDkey"],
    ];
    for (const [body, field] of cases) {
      const res = await send(createIntegration, apiKey, "/integrations", { method: "POST", body, headers: json });
      expect(res).toEqual({
        status: 422,
        body: { error: { code: "validation_failed", message: expect.any(String), fields: { [field]: expect.stringContaining("NUL") } } },
      });
    }
    expect((await send(listIntegrations, apiKey, "/integrations")).body.data).toEqual([]);
  });

  it("answers 422 naming the parameter for NUL in a query string", async () => {
    const apiKey = await key();
    for (const [query, field] of [
      ["q=%00", "q"],
      ["provider=a%00b", "provider"],
    ]) {
      const res = await send(listIntegrations, apiKey, `/integrations?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual({ [field!]: expect.any(String) });
    }
    const created = await send(createIntegration, apiKey, "/integrations", { method: "POST", body: integration({}), headers: json });
    const events = await send(listEvents, apiKey, `/integrations/${created.body.id}/events?event_type=%00`, {
      params: { id: created.body.id },
    });
    expect(events.status).toBe(422);
    expect(events.body.error.fields).toEqual({ event_type: expect.any(String) });
  });

  it("answers 413 from Content-Length or once 1 MB has arrived, 415 for a body not sent as JSON, 400 for absurd nesting", async () => {
    const apiKey = await key();
    const declared = await send(createIntegration, apiKey, "/integrations", {
      method: "POST",
      body: "{}",
      headers: { ...json, "content-length": String(100 * 1024 * 1024) },
    });
    expect(declared).toEqual({ status: 413, body: { error: { code: "payload_too_large", message: expect.any(String) } } });

    let sent = 0;
    const piece = new TextEncoder().encode(" ".repeat(64 * 1024));
    const offered = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 * 1024 * 1024) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    });
    const streamed = await send(createIntegration, apiKey, "/integrations", {
      method: "POST",
      body: offered,
      headers: json,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);

    const form = await send(createIntegration, apiKey, "/integrations", {
      method: "POST",
      body: "name=Box",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form).toEqual({ status: 415, body: { error: { code: "unsupported_media_type", message: expect.any(String) } } });
    const vendorJson = await send(createIntegration, apiKey, "/integrations", {
      method: "POST",
      body: integration({ name: "Vendor media type" }),
      headers: { "content-type": "application/merge-patch+json; charset=utf-8" },
    });
    expect(vendorJson.status).toBe(201);

    const deep = await send(createIntegration, apiKey, "/integrations", {
      method: "POST",
      body: integration({ config: "NESTED" }).replace('"NESTED"', "[".repeat(100_000) + "]".repeat(100_000)),
      headers: json,
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe("bad_request");
  });
});
