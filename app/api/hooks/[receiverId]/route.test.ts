import { createHmac } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/integrations";
import { createReceiver, listReceivedEvents } from "@/lib/webhooks";
import { ownerContext } from "@/tests/fixtures";
import { POST } from "./route";

const SECRET = "route-test-secret";

async function setup() {
  const owner = await ownerContext();
  const integration = await createIntegration(owner, {
    name: "GitHub",
    provider: "custom_rest",
    auth_type: "none",
    base_url: "https://api.github.com",
  });
  const receiver = await createReceiver(owner, integration.id, { scheme: "github", secret: SECRET }, "http://localhost");
  const receiverId = receiver.url.split("/").at(-1)!;
  const post = (body: string, headers: Record<string, string>) =>
    POST(new Request(`http://localhost/api/hooks/${receiverId}`, { method: "POST", body, headers }), {
      params: Promise.resolve({ receiverId }),
    });
  return { owner, integration, receiverId, post };
}

describe("POST /api/hooks/{receiverId}", () => {
  it("verifies the raw body byte for byte, not a re-serialisation of its JSON", async () => {
    const { owner, integration, post } = await setup();
    // Spacing and key order a JSON round trip would change.
    const body = '{ "zen": "Keep it logically awesome.",  "hook_id": 1 }';
    const res = await post(body, { "x-hub-signature-256": await sign(SECRET, body), "x-github-delivery": "d-1", "x-github-event": "ping" });
    expect(res.status).toBe(200);
    expect((await listReceivedEvents(owner, integration.id)).data[0]!.payload).toBe(body);
  });

  it("answers 413 from the declared length before reading, 401 for a bad signature and 404 for an unknown receiver", async () => {
    const { post } = await setup();
    expect((await post("{}", { "content-length": String(2 * 1024 * 1024) })).status).toBe(413);
    expect((await post("{}", { "x-hub-signature-256": `sha256=${"0".repeat(64)}` })).status).toBe(401);
    const unknown = await POST(new Request("http://localhost/api/hooks/rcv_nope", { method: "POST", body: "{}" }), {
      params: Promise.resolve({ receiverId: "rcv_nope" }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("stops reading a body without a declared length once it passes 1 MB, answering 413 in the standard error body", async () => {
    const { receiverId } = await setup();
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    // 8 MB offered in pieces; reading it whole would pull every piece.
    const offered = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request(`http://localhost/api/hooks/${receiverId}`, { method: "POST", body: offered, duplex: "half" } as RequestInit);
    const res = await POST(req, { params: Promise.resolve({ receiverId }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("keeps a signed event whose id and type hold NUL or a lone surrogate, and refuses a raw NUL byte with 400 saying why", async () => {
    const owner = await ownerContext();
    const integration = await createIntegration(owner, {
      name: "Generic",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://x.test",
    });
    const receiver = await createReceiver(
      owner,
      integration.id,
      { scheme: "hmac_sha256", secret: SECRET, header: "X-Signature" },
      "http://localhost",
    );
    const receiverId = receiver.url.split("/").at(-1)!;
    const deliver = (body: string) =>
      POST(
        new Request(`http://localhost/api/hooks/${receiverId}`, {
          method: "POST",
          body,
          headers: { "x-signature": createHmac("sha256", SECRET).update(body).digest("hex") },
        }),
        { params: Promise.resolve({ receiverId }) },
      );

    const escaped = '{"id":"evt\\u0000a","type":"order\\u0000.paid"}';
    const surrogate = '{"id":"evt\\ud800b","type":"\\udfff"}';
    for (const body of [escaped, surrogate]) {
      const first = await deliver(body);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, duplicate: false });
      // The sender's retry is recognised as the same event, not a failure.
      expect(await (await deliver(body)).json()).toEqual({ received: true, duplicate: true });
    }
    const events = (await listReceivedEvents(owner, integration.id)).data;
    expect(events.map((e) => [e.provider_event_id, e.event_type, e.payload])).toEqual([
      ["evt\uFFFDb", "\uFFFD", surrogate],
      ["evt\uFFFDa", "order\uFFFD.paid", escaped],
    ]);

    const raw = await deliver('{"id":"evt_raw","type":"x\u0000"}');
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: { code: "bad_request", message: expect.stringContaining("NUL") } });
  });
});
