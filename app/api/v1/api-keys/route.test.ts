import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { DELETE } from "./[id]/route";
import { POST as ROTATE } from "./[id]/rotate/route";
import { GET, POST } from "./route";

const req = (key: string, method: string, body?: string) =>
  new Request("http://localhost/api/v1/api-keys", {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });
const none = { params: Promise.resolve({}) } as never;
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function adminKey(slug = "acme") {
  const owner = await ownerContext(slug);
  return (await createApiKey(owner, { name: "Admin", scopes: ["api_keys:write"] })).key;
}

describe("/api/v1/api-keys", () => {
  it("creates a key shown once, lists it without the secret, rotates and revokes it", async () => {
    const admin = await adminKey();
    const created = await POST(req(admin, "POST", JSON.stringify({ name: "CI", scopes: ["integrations:read"] })), none);
    expect(created.status).toBe(201);
    const { id, key } = await created.json();
    expect(key).toMatch(/^pb_live_/);

    const listed = await GET(req(admin, "GET"), none);
    const text = await listed.text();
    expect(text).not.toContain(key);
    expect(
      JSON.parse(text)
        .data.map((k: { name: string }) => k.name)
        .sort(),
    ).toEqual(["Admin", "CI"]);

    const rotated = await ROTATE(req(admin, "POST", JSON.stringify({ grace_period_hours: 0 })), withId(id));
    expect(rotated.status).toBe(201);
    const next = await rotated.json();
    expect(next.key).not.toBe(key);

    expect((await DELETE(req(admin, "DELETE"), withId(next.id))).status).toBe(204);
    expect((await DELETE(req(admin, "DELETE"), withId(next.id))).status).toBe(404);
  });

  it("answers 422 with field messages, 400 for broken JSON, and 404 for another tenant's key", async () => {
    const admin = await adminKey("acme");
    const bad = await POST(req(admin, "POST", JSON.stringify({ name: "", scopes: ["nope"], rate_limit_per_minute: 0 })), none);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toMatchObject({
      name: "Give the key a name.",
      "scopes.0": "Unknown scope.",
      rate_limit_per_minute: "At least 1.",
    });
    expect((await POST(req(admin, "POST", "{not json"), none)).status).toBe(400);

    const other = await ownerContext("globex");
    const foreign = await createApiKey(other, { name: "Theirs", scopes: ["integrations:read"] });
    expect((await DELETE(req(admin, "DELETE"), withId(foreign.id))).status).toBe(404);
    expect((await ROTATE(req(admin, "POST", "{}"), withId(foreign.id))).status).toBe(404);
  });
});
