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
  return { owner, integration, post };
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
  });
});
