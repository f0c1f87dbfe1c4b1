import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { GET } from "./route";

const call = (authorization?: string) =>
  GET(new Request("http://localhost/api/v1/me", { headers: authorization ? { authorization } : {} }), {
    params: Promise.resolve({}),
  });

describe("GET /api/v1/me", () => {
  it("answers the key's tenant and name", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Deploy" });
    const res = await call(`Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tenant: { slug: "acme" }, api_key: { name: "Deploy" } });
  });

  it("answers 401 with one body for missing, malformed, unknown and revoked keys", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "Deploy" });
    await revokeApiKey(owner, { id });
    const bodies = new Set<string>();
    for (const header of [undefined, "Basic abc", "Bearer nonsense", `Bearer pb_live_${"x".repeat(40)}`, `Bearer ${key}`]) {
      const res = await call(header);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toMatchObject({ error: { code: "unauthorized" } });
  });
});
