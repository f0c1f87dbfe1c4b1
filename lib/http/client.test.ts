import { describe, expect, it } from "vitest";
import { closedLoopbackUrl, loopbackPeers } from "@/tests/peers/loopback-server";
import type { NetworkPolicy } from "./address-guard";
import { sendRequest } from "./client";

// Real requests go to loopback only, with loopback allowed for these tests.
const loopback: NetworkPolicy = { allowPrivateNetwork: false, allowlist: [{ address: "127.0.0.1", prefix: 32, family: "ipv4" }] };
const peer = loopbackPeers();

describe("outbound HTTP client", () => {
  it("answers status, headers, body and timings", async () => {
    const base = await peer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(`{"path":"${req.url}"}`));
    const res = await sendRequest({ url: `${base}/units?x=1`, policy: loopback });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(res.body.toString())).toEqual({ path: "/units?x=1" });
    expect(res.timings.totalMs).toBeGreaterThanOrEqual(res.timings.firstByteMs);
  });

  it("connects to the address it judged, keeping the hostname in the Host header", async () => {
    const base = await peer((req, res) => res.end(req.headers.host));
    const port = new URL(base).port;
    const resolver = async () => [{ address: "127.0.0.1", family: 4 as const }];
    const res = await sendRequest({ url: `http://peer.patchbay.test:${port}/`, policy: loopback, resolver });
    expect(res.body.toString()).toBe(`peer.patchbay.test:${port}`);
  });

  it("refuses loopback when private networks are off, before sending anything", async () => {
    let hits = 0;
    const base = await peer((_req, res) => {
      hits++;
      res.end();
    });
    await expect(sendRequest({ url: base, policy: { allowPrivateNetwork: false, allowlist: [] } })).rejects.toMatchObject({
      kind: "blocked",
    });
    expect(hits).toBe(0);
  });

  it("gives up at the deadline with a timeout", async () => {
    const base = await peer(() => {});
    const started = Date.now();
    await expect(sendRequest({ url: base, policy: loopback, timeoutMs: 300 })).rejects.toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops reading a response larger than the cap", async () => {
    const base = await peer((_req, res) => res.end("x".repeat(10_000)));
    await expect(sendRequest({ url: base, policy: loopback, maxResponseBytes: 1_000 })).rejects.toMatchObject({ kind: "too_large" });
  });

  it("says so when the connection is refused", async () => {
    const base = await closedLoopbackUrl();
    await expect(sendRequest({ url: base, policy: loopback })).rejects.toMatchObject({ kind: "refused" });
  });

  it("follows redirects up to the limit, and returns the redirect itself when the limit is 0", async () => {
    const base = await peer((req, res) => {
      const n = Number(req.url!.slice(1));
      if (n < 5) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.end("done");
    });
    const followed = await sendRequest({ url: `${base}/3`, policy: loopback, maxRedirects: 2 });
    expect([followed.status, followed.body.toString(), followed.redirects]).toEqual([200, "done", 2]);
    await expect(sendRequest({ url: `${base}/0`, policy: loopback, maxRedirects: 2 })).rejects.toMatchObject({ kind: "redirects" });
    const unfollowed = await sendRequest({ url: `${base}/0`, policy: loopback, maxRedirects: 0 });
    expect([unfollowed.status, unfollowed.headers.location]).toEqual([302, "/1"]);
  });

  it("re-checks every redirect hop against the guard", async () => {
    const base = await peer((_req, res) => res.writeHead(307, { location: "http://intranet.patchbay.test/admin" }).end());
    const resolver = async () => [{ address: "10.0.0.5", family: 4 as const }];
    await expect(sendRequest({ url: base, policy: loopback, resolver })).rejects.toMatchObject({
      kind: "blocked",
      message: expect.stringContaining("private network"),
    });
  });

  it("drops credentials when a redirect leaves the origin", async () => {
    const target = await peer((req, res) => res.end(JSON.stringify(req.headers)));
    const origin = await peer((_req, res) => res.writeHead(302, { location: `${target}/landing` }).end());
    const res = await sendRequest({
      url: origin,
      policy: loopback,
      headers: { authorization: "Bearer sk_live_abc", "x-api-key": "k-123", accept: "application/json" },
      credentialHeaders: ["x-api-key"],
    });
    const seen = JSON.parse(res.body.toString());
    expect(seen.authorization).toBeUndefined();
    expect(seen["x-api-key"]).toBeUndefined();
    expect(seen.accept).toBe("application/json");
  });
});
