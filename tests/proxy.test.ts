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
