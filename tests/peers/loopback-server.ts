import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/**
 * HTTP servers on 127.0.0.1 playing a provider or subscriber for one test; every server a
 * test starts is closed (open connections included) when the test ends.
 */
export function loopbackPeers() {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => (s.closeAllConnections(), new Promise((resolve) => s.close(resolve)))));
  });
  return async function peer(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}

/** A loopback address where nothing listens any more: connections to it are refused. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
