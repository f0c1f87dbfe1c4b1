import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Stripe-shaped test peer on loopback: `GET /v1/products` answers a product list to
 * `Authorization: Bearer <the valid key>` and Stripe's 401 error body to anything else.
 * `calls` counts connection tests only: the scheduled health checks of the same integration
 * reach this peer too, at moments the story does not control.
 */
export async function startFakeStripe(validKey: string): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    if (req.headers["user-agent"] !== "Patchbay health check") calls += 1;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${calls}` });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET" || req.url !== "/v1/products")
      return json(404, { error: { type: "invalid_request_error", message: "Unrecognized request URL" } });
    if (req.headers.authorization !== `Bearer ${validKey}`) {
      return json(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    json(200, {
      object: "list",
      has_more: false,
      data: [
        { id: "prod_A1", object: "product", name: "Front row", status: "active" },
        { id: "prod_B2", object: "product", name: "Balcony", status: "active" },
        { id: "prod_C3", object: "product", name: "Stalls", status: "archived" },
        { id: "prod_D4", object: "product", name: "Box", status: "draft" },
      ],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
