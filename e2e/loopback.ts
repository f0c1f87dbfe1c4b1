import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "@playwright/test";

/**
 * A test peer on loopback (a provider's API, a webhook subscriber) for the whole spec file:
 * listening before its first test, closed after its last. `url()` is its origin.
 */
export function loopbackPeer(handler: http.RequestListener): { url: () => string } {
  const server = http.createServer(handler);
  let origin = "";
  test.beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: () => origin };
}
