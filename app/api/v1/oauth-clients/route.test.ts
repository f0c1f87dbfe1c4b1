import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, oauthClients } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { tokenEndpoint } from "@/lib/oauth-server/server";
import { ownerContext } from "@/tests/fixtures";
import { GET as getOne, DELETE, PATCH } from "./[id]/route";
import { POST as rotate } from "./[id]/rotate-secret/route";
import { GET as list, POST } from "./route";

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

async function keyFor(slug = "acme", mode: "live" | "test" = "live") {
  const owner = await ownerContext(slug);
  const { key } = await createApiKey(owner, { name: "Admin", mode, scopes: ["api_keys:write"] });
  return key;
}

function call(handler: Handler, key: string, init: { method?: string; body?: unknown; id?: string } = {}) {
  return handler(
    new Request("http://localhost/api/v1/oauth-clients", {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve({ id: init.id ?? "" }) },
  );
}

const clientCredentials = (clientId: string, secret: string) =>
  tokenEndpoint({
    params: new URLSearchParams({ grant_type: "client_credentials" }),
    authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
  });

const machine = { name: "Nightly sync", scopes: ["integrations:read"], grant_types: ["client_credentials"] };

describe("/api/v1/oauth-clients", () => {
  it("registers a client, answers its secret once and stores only a hash; lists and reads it without the secret", async () => {
    const key = await keyFor();
    const created = await call(POST as unknown as Handler, key, { method: "POST", body: machine });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ name: "Nightly sync", type: "confidential", grant_types: ["client_credentials"] });
    expect(body.client_secret).toMatch(/^pbo_cs_/);
    expect(body.secret_hint).toBe(`…${body.client_secret.slice(-4)}`);
    const [row] = await db().select().from(oauthClients);
    expect(row!.secretHash).not.toContain(body.client_secret);
    expect(JSON.stringify(row)).not.toContain(body.client_secret);
    const listed = await (await call(list as unknown as Handler, key)).text();
    const one = await (await call(getOne as Handler, key, { id: body.id })).text();
    for (const text of [listed, one]) {
      expect(text).toContain(body.client_id);
      expect(text).not.toContain(body.client_secret);
    }
    expect((await clientCredentials(body.client_id, body.client_secret)).access_token).toMatch(/^pbo_at_/);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "oauth_client.created"));
    expect(JSON.stringify(event)).not.toContain(body.client_secret);
  });

  it("refuses redirect URIs that are not https (loopback aside) or carry a fragment, and grants that do not fit the client", async () => {
    const key = await keyFor();
    const base = { name: "Web", scopes: ["integrations:read"] };
    for (const [body, field] of [
      [{ ...base, redirect_uris: ["http://app.example.com/cb"] }, "redirect_uris"],
      [{ ...base, redirect_uris: ["https://app.example.com/cb#x"] }, "redirect_uris"],
      [{ ...base, redirect_uris: ["/relative"] }, "redirect_uris"],
      [{ ...base, redirect_uris: [] }, "redirect_uris"],
      [{ ...base, type: "public", grant_types: ["client_credentials"] }, "grant_types"],
      [{ ...base, scopes: ["root"] }, "scopes.0"],
    ] as const) {
      const res = await call(POST as unknown as Handler, key, { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error.fields).toHaveProperty(field);
    }
    for (const uri of ["http://127.0.0.1:8765/cb", "http://[::1]/cb", "http://localhost:3000/cb", "https://app.example.com/cb?x=1"]) {
      const res = await call(POST as unknown as Handler, key, { method: "POST", body: { ...base, redirect_uris: [uri] } });
      expect(res.status, uri).toBe(201);
    }
    const pub = await (
      await call(POST as unknown as Handler, key, {
        method: "POST",
        body: { ...base, type: "public", redirect_uris: ["http://127.0.0.1/cb"] },
      })
    ).json();
    expect(pub.client_secret).toBeNull();
    expect((await call(rotate as Handler, key, { method: "POST", id: pub.id })).status).toBe(422);
  });

  it("changes, rotates and deletes; the old secret and the deleted client stop working; another tenant's id is 404", async () => {
    const key = await keyFor();
    const other = await keyFor("globex");
    const { id, client_id, client_secret } = await (await call(POST as unknown as Handler, key, { method: "POST", body: machine })).json();
    expect((await call(getOne as Handler, other, { id })).status).toBe(404);
    expect((await call(PATCH as Handler, other, { method: "PATCH", id, body: { name: "Stolen" } })).status).toBe(404);
    expect((await call(DELETE as Handler, other, { method: "DELETE", id })).status).toBe(404);

    const patched = await call(PATCH as Handler, key, {
      method: "PATCH",
      id,
      body: { name: "Nightly ETL", scopes: ["integrations:read", "webhooks:read"] },
    });
    expect(await patched.json()).toMatchObject({ name: "Nightly ETL", scopes: ["integrations:read", "webhooks:read"] });
    expect((await call(PATCH as Handler, key, { method: "PATCH", id, body: { type: "public" } })).status).toBe(422);

    const rotated = await (await call(rotate as Handler, key, { method: "POST", id })).json();
    expect(rotated.client_secret).not.toBe(client_secret);
    await expect(clientCredentials(client_id, client_secret)).rejects.toMatchObject({ error: "invalid_client" });
    expect((await clientCredentials(client_id, rotated.client_secret)).scope).toBe("integrations:read webhooks:read");

    expect((await call(DELETE as Handler, key, { method: "DELETE", id })).status).toBe(204);
    await expect(clientCredentials(client_id, rotated.client_secret)).rejects.toMatchObject({ error: "invalid_client" });
    const actions = (await db().select().from(auditEvents)).map((e) => e.action).filter((a) => a.startsWith("oauth_client."));
    expect(actions.sort()).toEqual(["oauth_client.created", "oauth_client.deleted", "oauth_client.secret_rotated", "oauth_client.updated"]);
  });

  it("is refused to a test-mode key, which must not mint live credentials", async () => {
    const key = await keyFor("acme", "test");
    expect((await call(POST as unknown as Handler, key, { method: "POST", body: machine })).status).toBe(403);
  });
});
