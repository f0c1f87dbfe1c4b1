import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { PUBLIC_PER_IP } from "@/lib/rate-limit/public";
import { proxy } from "@/proxy";
import { stopTheClock } from "@/tests/fixtures";

const visit = (path: string, ip: string) => proxy(new NextRequest(`http://localhost${path}`, { headers: { "x-forwarded-for": ip } }));

describe("per-address limit on public pages", () => {
  it("answers 429 with Retry-After once an address used its budget on /docs, /login and /setup together", async () => {
    stopTheClock();
    const ip = "203.0.113.50";
    const first = await visit("/docs", ip);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-remaining")).toBe(String(PUBLIC_PER_IP.limit - 1));
    for (let i = 1; i < PUBLIC_PER_IP.limit; i++) await visit(["/docs", "/login", "/setup"][i % 3]!, ip);
    const refused = await visit("/login", ip);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many requests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-limit")).toBe(String(PUBLIC_PER_IP.limit));
    // Signed-in pages are not on the public budget, and other addresses keep theirs.
    expect((await visit("/t/acme/dashboard", ip)).status).toBe(200);
    expect((await visit("/docs", "203.0.113.51")).status).toBe(200);
  });
});

describe("paths that are not valid percent-encoded UTF-8", () => {
  const visitPath = (path: string) => proxy(new NextRequest(`http://localhost${path}`));

  it("answers 400 with the standard error body under /api and rewrites pages to the not-found page", async () => {
    for (const path of ["/api/v1/integrations/%FF%FE", "/api/hooks/%FF%FE", "/api/v1/integrations/%00"]) {
      const res = await visitPath(path);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "bad_request", message: expect.any(String) } });
    }
    for (const path of ["/t/%FF%FE", "/t/%00/dashboard"]) {
      const res = await visitPath(path);
      expect(new URL(res.headers.get("x-middleware-rewrite")!).pathname).toBe("/_not-a-page");
    }
    expect((await visitPath("/api/v1/integrations/a%20b")).headers.get("x-middleware-next")).toBe("1");
  });
});
