import { describe, expect, it } from "vitest";
import { limitPublicRequest, PUBLIC_PER_IP } from "@/lib/rate-limit/public";
import { stopTheClock } from "@/tests/fixtures";
import { GET } from "./route";

const fetchDocument = (ip: string) => GET(new Request("http://localhost/api/v1/openapi.json", { headers: { "x-forwarded-for": ip } }));

describe("GET /api/v1/openapi.json", () => {
  it("needs no key, and answers one address 429 with Retry-After once it used its budget", async () => {
    stopTheClock();
    const first = await fetchDocument("198.51.100.7");
    expect(first.status).toBe(200);
    expect((await first.json()).openapi).toBe("3.1.0");
    expect(first.headers.get("ratelimit-limit")).toBe(String(PUBLIC_PER_IP.limit));
    expect(first.headers.get("ratelimit-remaining")).toBe(String(PUBLIC_PER_IP.limit - 1));

    for (let i = 1; i < PUBLIC_PER_IP.limit; i++) await fetchDocument("198.51.100.7");
    const refused = await fetchDocument("198.51.100.7");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("this address") } });
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("retry-after")).toBe(refused.headers.get("ratelimit-reset"));

    expect((await fetchDocument("198.51.100.8")).status).toBe(200);
  });

  it("lets an address in again in the next window", async () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.9" });
    const now = new Date();
    for (let i = 0; i < PUBLIC_PER_IP.limit; i++) await limitPublicRequest(headers, now);
    expect((await limitPublicRequest(headers, now)).allowed).toBe(false);
    const later = new Date(now.getTime() + PUBLIC_PER_IP.windowSeconds * 1000);
    expect((await limitPublicRequest(headers, later)).allowed).toBe(true);
  });
});
