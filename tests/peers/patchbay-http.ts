import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

// Only parameterless routes: the server passes no path parameters.
type Handler = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response> | Response;
export type Routes = Record<string, Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>>;

/**
 * Patchbay's own route handlers behind a real HTTP server on 127.0.0.1, so a client library
 * talks to them over the wire as it would to a deployment. Closed when the test ends.
 */
export function patchbayOverHttp() {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => (s.closeAllConnections(), new Promise((resolve) => s.close(resolve)))));
  });
  return async function serve(routes: Routes): Promise<string> {
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const handler = routes[url.pathname]?.[req.method as "GET"];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
      const response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve({}) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}
