import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as LIST_INTEGRATIONS } from "@/app/api/v1/integrations/route";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { DELETE, GET as GET_ONE, PATCH } from "./[id]/route";
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

describe("PATCH /api/v1/api-keys/{id}", () => {
  const patch = (admin: string, id: string, body: object) => PATCH(req(admin, "PATCH", JSON.stringify(body)), withId(id));

  it("edits name, notes, scopes, limits and allowlist, audits a diff without the notes' text, and GET shows it", async () => {
    const owner = await ownerContext();
    const admin = (await createApiKey(owner, { name: "Admin", scopes: ["api_keys:write"] })).key;
    const { id } = await createApiKey(owner, { name: "CI", scopes: ["integrations:read"] });
    const res = await patch(admin, id, {
      name: "CI pipeline",
      notes: "Owned by the platform team; token sk_live_abc",
      scopes: ["integrations:read", "webhooks:read"],
      rate_limit_per_minute: 60,
      ip_allowlist: "203.0.113.0/24",
      rotation_frequency_days: 90,
    });
    expect(res.status).toBe(200);
    const expected = {
      name: "CI pipeline",
      notes: "Owned by the platform team; token sk_live_abc",
      scopes: ["integrations:read", "webhooks:read"],
      rate_limit_per_minute: 60,
      ip_allowlist: ["203.0.113.0/24"],
      rotation_frequency_days: 90,
      rotation_due: false,
    };
    expect(await res.json()).toMatchObject(expected);
    expect(await (await GET_ONE(req(admin, "GET"), withId(id))).json()).toMatchObject(expected);

    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.updated"), eq(auditEvents.targetId, id)));
    expect(audit!.details).toMatchObject({
      changes: {
        name: { from: "CI", to: "CI pipeline" },
        notes: { changed: true },
        scopes: { from: ["integrations:read"], to: ["integrations:read", "webhooks:read"] },
        rate_limit_per_minute: { from: 600, to: 60 },
        ip_allowlist: { from: [], to: ["203.0.113.0/24"] },
        rotation_frequency_days: { from: null, to: 90 },
      },
    });
    expect(JSON.stringify(audit!.details)).not.toContain("sk_live_abc");
  });

  it("answers field messages for unknown scopes, limits out of range and a mode change", async () => {
    const owner = await ownerContext();
    const admin = (await createApiKey(owner, { name: "Admin", scopes: ["api_keys:write"] })).key;
    const { id } = await createApiKey(owner, { name: "Staging CI", mode: "test", scopes: ["integrations:read"] });
    const bad = await patch(admin, id, {
      scopes: ["nope"],
      rate_limit_per_minute: 0,
      rate_limit_per_hour: 20_000_000,
      rotation_frequency_days: 0,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toEqual({
      "scopes.0": "Unknown scope.",
      rate_limit_per_minute: "At least 1.",
      rate_limit_per_hour: "At most 10000000.",
      rotation_frequency_days: "At least 1 day.",
    });
    const below = await patch(admin, id, { rate_limit_per_minute: 30_000 });
    expect((await below.json()).error.fields).toEqual({ rate_limit_per_hour: "The hourly limit cannot be below the per-minute limit." });
    const promote = await patch(admin, id, { mode: "live" });
    expect(promote.status).toBe(422);
    expect((await promote.json()).error.fields.mode).toMatch(/cannot change/);
    expect(await (await GET_ONE(req(admin, "GET"), withId(id))).json()).toMatchObject({
      mode: "test",
      prefix: expect.stringMatching(/^pb_test_/),
    });
  });

  it("refuses a narrowed scope on the very next call, though the key was just served from the auth cache", async () => {
    const owner = await ownerContext();
    const admin = (await createApiKey(owner, { name: "Admin", scopes: ["api_keys:write"] })).key;
    const { id, key } = await createApiKey(owner, { name: "CI", scopes: ["integrations:read", "webhooks:read"] });
    const list = () =>
      LIST_INTEGRATIONS(new Request("http://localhost/api/v1/integrations", { headers: { authorization: `Bearer ${key}` } }), none);
    expect((await list()).status).toBe(200);
    expect((await patch(admin, id, { scopes: ["webhooks:read"] })).status).toBe(200);
    expect((await list()).status).toBe(403);
  });

  it("lets a test key edit test keys only: live ones answer 404", async () => {
    const owner = await ownerContext();
    const live = await createApiKey(owner, { name: "Prod CI", scopes: ["integrations:read"] });
    const testAdmin = (await createApiKey(owner, { name: "Staging admin", mode: "test", scopes: ["api_keys:write"] })).key;
    expect((await patch(testAdmin, live.id, { scopes: ["integrations:read", "integrations:write"] })).status).toBe(404);
  });
});
