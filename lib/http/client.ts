import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "@/lib/env";
import {
  checkAddress,
  plainHttpAllowed,
  resolveHost,
  type AddressClass,
  type NetworkPolicy,
  type ResolvedAddress,
  type Resolver,
} from "./address-guard";
import { fromSocketError, HttpError } from "./http-error";

export type HttpRequest = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole call, every redirect hop and the body included. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** 0 returns a redirect as the response instead of following it (webhook deliveries). */
  maxRedirects?: number;
  /** Headers carrying credentials besides Authorization and Cookie, dropped when a redirect leaves the origin. */
  credentialHeaders?: string[];
  policy?: NetworkPolicy;
  resolver?: Resolver;
};

export type Timings = { dnsMs: number; connectMs: number; tlsMs: number; firstByteMs: number; totalMs: number };

export type HttpResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Where the final response came from, after redirects. */
  url: string;
  redirects: number;
  timings: Timings;
};

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function networkPolicy(): NetworkPolicy {
  const { allowPrivateNetwork, privateAllowlist } = env();
  return { allowPrivateNetwork, allowlist: privateAllowlist };
}

const CLASS_TEXT: Record<AddressClass, string> = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private network address",
  link_local: "a link-local address",
  metadata: "a cloud metadata address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

async function pinnedAddresses(url: URL, policy: NetworkPolicy, resolver?: Resolver): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveHost(url.hostname, resolver);
  } catch (error) {
    throw fromSocketError(error, url.hostname);
  }
  if (addresses.length === 0) throw fromSocketError({ code: "ENOTFOUND" }, url.hostname);
  for (const { address } of addresses) {
    const verdict = checkAddress(address, policy);
    if (!verdict.allowed) {
      throw new HttpError(
        "blocked",
        `${url.hostname} resolves to ${CLASS_TEXT[verdict.class]}, which Patchbay does not call. ` +
          "An operator can allow it with PATCHBAY_PRIVATE_ALLOWLIST.",
      );
    }
    if (url.protocol === "http:" && !plainHttpAllowed(address, policy)) {
      throw new HttpError(
        "blocked",
        `${url.hostname} is not in PATCHBAY_PRIVATE_ALLOWLIST, and Patchbay uses plain http:// only for allowlisted addresses. Use https://.`,
      );
    }
  }
  return addresses;
}

// The socket connects to the addresses already judged, never to a second DNS answer.
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

type Hop = { status: number; headers: Record<string, string>; body: Buffer; timings: Omit<Timings, "totalMs"> };

function sendHop(
  url: URL,
  req: HttpRequest,
  headers: Record<string, string>,
  addresses: ResolvedAddress[],
  signal: AbortSignal,
  dnsMs: number,
) {
  const maxBytes = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  return new Promise<Hop>((resolve, reject) => {
    const timings = { dnsMs, connectMs: 0, tlsMs: 0, firstByteMs: 0 };
    const request = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: req.method ?? "GET",
      headers: { host: url.host, ...headers },
      lookup: pinnedLookup(addresses),
      // A fresh connection per call: a pooled socket could belong to an earlier, differently resolved host.
      agent: false,
      signal,
    });
    request.on("socket", (socket) => {
      socket.once("connect", () => (timings.connectMs = since()));
      socket.once("secureConnect", () => (timings.tlsMs = since() - timings.connectMs));
    });
    request.on("response", (res) => {
      timings.firstByteMs = since();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          reject(new HttpError("too_large", `The response is larger than ${maxBytes} bytes, the limit for one call.`));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        if (size > maxBytes) return;
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks), timings });
      });
      res.on("error", reject);
    });
    request.on("error", reject);
    request.end(req.body);
  });
}

/**
 * The one way Patchbay calls the outside world: SSRF guard on every hop, one deadline for the
 * whole call, a response size cap and a redirect limit.
 */
export async function sendRequest(req: HttpRequest): Promise<HttpResponse> {
  const policy = req.policy ?? networkPolicy();
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  let url = parseUrl(req.url);
  let method = req.method ?? "GET";
  let body = req.body;
  let headers = { ...req.headers };
  try {
    for (let redirects = 0; ; redirects++) {
      const dnsStart = performance.now();
      const addresses = await abortable(pinnedAddresses(url, policy, req.resolver), controller.signal);
      const dnsMs = Math.round(performance.now() - dnsStart);
      const hop = await sendHop(url, { ...req, method, body }, headers, addresses, controller.signal, dnsMs).catch((error) => {
        throw controller.signal.aborted ? timeoutError(timeoutMs) : fromSocketError(error, url.hostname);
      });
      const location = hop.headers.location;
      if (!REDIRECTS.has(hop.status) || !location || maxRedirects === 0) {
        const totalMs = Math.round(performance.now() - started);
        return {
          status: hop.status,
          headers: hop.headers,
          body: hop.body,
          url: url.toString(),
          redirects,
          timings: { ...hop.timings, totalMs },
        };
      }
      if (redirects >= maxRedirects) {
        throw new HttpError("redirects", `The endpoint redirected more than ${maxRedirects} times. Point the URL at the final address.`);
      }
      const next = parseUrl(new URL(location, url).toString());
      if (url.protocol === "https:" && next.protocol === "http:") {
        throw new HttpError("redirects", "The endpoint redirected from https to plain http, which Patchbay does not follow.");
      }
      if (next.origin !== url.origin) headers = withoutCredentials(headers, req.credentialHeaders ?? []);
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
      url = next;
    }
  } catch (error) {
    throw controller.signal.aborted ? timeoutError(timeoutMs) : error;
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpError("invalid_url", "The URL is not valid.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new HttpError("invalid_url", "Only http and https URLs can be called.");
  if (url.username || url.password) throw new HttpError("invalid_url", "Put credentials in the integration's credentials, not in the URL.");
  return url;
}

function withoutCredentials(headers: Record<string, string>, extra: string[]): Record<string, string> {
  const drop = new Set(["authorization", "cookie", "proxy-authorization", ...extra.map((h) => h.toLowerCase())]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

function timeoutError(ms: number): HttpError {
  return new HttpError("timeout", `No complete answer within ${ms / 1000} s. Raise the timeout or check that the endpoint responds.`);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new HttpError("timeout", "aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
