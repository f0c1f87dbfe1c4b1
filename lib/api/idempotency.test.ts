import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { apiRoute } from "./handler";

/** A real /api/v1-style POST route whose side effect (a counter) shows how often it ran. */
function countingRoute(hold?: Promise<void>) {
  let runs = 0;
  const route = apiRoute("integrations:write", async (req) => {
    runs += 1;
    await hold;
    const body = (await req.json()) as { name: string };
    return Response.json({ created: body.name, run: runs }, { status: 201 });
  });
  return { route, runs: () => runs };
}

async function setup() {
  const owner = await ownerContext();
  const { key } = await createApiKey(owner, { name: "CI", scopes: ["integrations:write"] });
  return (route: ReturnType<typeof apiRoute<Record<string, never>>>, body: object, idempotencyKey?: string) =>
    route(
      new Request("http://localhost/api/v1/things", {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body without running again", async () => {
    const post = await setup();
    const { route, runs } = countingRoute();
    const first = await post(route, { name: "a" }, "key-1");
    expect(first.status).toBe(201);
    const again = await post(route, { name: "a" }, "key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual({ created: "a", run: 1 });
    expect(runs()).toBe(1);
    await post(route, { name: "a" });
    expect(runs()).toBe(2);
  });

  it("answers 422 for the same key with another body", async () => {
    const post = await setup();
    const { route, runs } = countingRoute();
    await post(route, { name: "a" }, "key-1");
    const other = await post(route, { name: "b" }, "key-1");
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe("validation_failed");
    expect(runs()).toBe(1);
  });

  it("answers 409 while the first request with that key is still running", async () => {
    const post = await setup();
    let release!: () => void;
    const { route, runs } = countingRoute(new Promise<void>((resolve) => (release = resolve)));
    const first = post(route, { name: "a" }, "key-1");
    await expect.poll(runs).toBe(1);
    const during = await post(route, { name: "a" }, "key-1");
    expect(during.status).toBe(409);
    release();
    expect((await first).status).toBe(201);
  });
});
