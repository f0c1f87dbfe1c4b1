import { lookup } from "node:dns/promises";
import net from "node:net";
import type { Cidr } from "@/lib/env";

/** What an address is, for the guard's verdict and for the message an admin reads. */
export type AddressClass = "public" | "loopback" | "private" | "link_local" | "metadata" | "unspecified" | "multicast" | "reserved";

export type NetworkPolicy = { allowPrivateNetwork: boolean; allowlist: Cidr[] };

export type AddressVerdict = { address: string; family: 4 | 6; class: AddressClass; allowed: boolean };

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Injected in tests so a hostname can "resolve" anywhere without asking real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

type Range = { bits: number; base: bigint; prefix: number; class: AddressClass };

function range(cidr: string, cls: AddressClass): Range {
  const [address, prefix] = cidr.split("/") as [string, string];
  const bits = net.isIPv4(address) ? 32 : 128;
  return { bits, base: toBigInt(address)!, prefix: Number(prefix), class: cls };
}

// Most specific first: the first match names the class.
const V4_RANGES: Range[] = [
  range("169.254.169.254/32", "metadata"),
  range("100.100.100.200/32", "metadata"),
  range("0.0.0.0/8", "unspecified"),
  range("127.0.0.0/8", "loopback"),
  range("10.0.0.0/8", "private"),
  range("172.16.0.0/12", "private"),
  range("192.168.0.0/16", "private"),
  range("100.64.0.0/10", "private"),
  range("169.254.0.0/16", "link_local"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved"),
  range("192.0.0.0/24", "reserved"),
  range("192.0.2.0/24", "reserved"),
  range("198.18.0.0/15", "reserved"),
  range("198.51.100.0/24", "reserved"),
  range("203.0.113.0/24", "reserved"),
];

const V6_RANGES: Range[] = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("fd00:ec2::254/128", "metadata"),
  range("fc00::/7", "private"),
  range("fec0::/10", "private"),
  range("fe80::/10", "link_local"),
  range("ff00::/8", "multicast"),
  range("64:ff9b:1::/48", "private"),
  range("100::/64", "reserved"),
  range("2001::/32", "reserved"),
  range("2001:db8::/32", "reserved"),
];

// IPv6 forms that carry an IPv4 address a packet may end up at: the IPv4 part decides.
// IPv4-compatible addresses (::/96) are deprecated: nothing legitimate uses them, public or not.
const EMBEDDED_V4: { range: Range; shift: bigint; deprecated?: true }[] = [
  { range: range("::ffff:0:0/96", "reserved"), shift: 0n },
  { range: range("64:ff9b::/96", "reserved"), shift: 0n },
  { range: range("::/96", "reserved"), shift: 0n, deprecated: true },
  { range: range("2002::/16", "reserved"), shift: 80n },
];

function toBigInt(address: string): bigint | null {
  if (net.isIPv4(address)) return address.split(".").reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);
  if (!net.isIPv6(address)) return null;
  let text = address.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = toBigInt(dotted[1]!)!;
    text = text.slice(0, -dotted[1]!.length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::") as [string, string | undefined];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const groups = tail === undefined ? headParts : [...headParts, ...Array<string>(missing).fill("0"), ...tailParts];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function inRange(value: bigint, bits: number, r: { bits: number; base: bigint; prefix: number }): boolean {
  if (bits !== r.bits) return false;
  const shift = BigInt(r.bits - r.prefix);
  return value >> shift === r.base >> shift;
}

function classifyValue(value: bigint, bits: 32 | 128): AddressClass {
  const ranges = bits === 32 ? V4_RANGES : V6_RANGES;
  const hit = ranges.find((r) => inRange(value, bits, r));
  if (hit) return hit.class;
  if (bits === 128) {
    for (const { range: r, shift, deprecated } of EMBEDDED_V4) {
      if (inRange(value, 128, r)) {
        const cls = classifyValue((value >> shift) & 0xffffffffn, 32);
        return cls === "public" && deprecated ? "reserved" : cls;
      }
    }
  }
  return "public";
}

/** The IPv4 address inside an IPv4-mapped IPv6 address, so allowlists written in IPv4 still match. */
function unmapped(value: bigint): bigint | null {
  return value >> 32n === 0xffffn ? value & 0xffffffffn : null;
}

function allowlisted(value: bigint, bits: 32 | 128, allowlist: Cidr[]): boolean {
  const v4 = bits === 128 ? unmapped(value) : null;
  return allowlist.some((c) => {
    const r = { bits: c.family === "ipv4" ? 32 : 128, base: toBigInt(c.address)!, prefix: c.prefix };
    return inRange(value, bits, r) || (v4 !== null && inRange(v4, 32, r));
  });
}

/** The guard's verdict on one IP address: pure, so every address class is tested without traffic. */
export function checkAddress(address: string, policy: NetworkPolicy): AddressVerdict {
  const version = net.isIP(address.split("%")[0]!);
  if (version === 0) throw new TypeError(`Not an IP address: ${address}`);
  const bits = version === 4 ? 32 : 128;
  const value = toBigInt(address)!;
  const cls = classifyValue(value, bits);
  const allowed = cls === "public" || policy.allowPrivateNetwork || allowlisted(value, bits, policy.allowlist);
  return { address, family: version === 4 ? 4 : 6, class: cls, allowed };
}

/** The IP literal in a URL's hostname (URL parsing already turned decimal, hex and octal IPv4 into dotted form). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : null;
}

/**
 * Every address a hostname resolves to, each judged; one refused address refuses the host, since
 * the connection could land on any of them. Callers connect only to the addresses returned here.
 */
export async function resolveHost(hostname: string, resolver: Resolver = systemResolver): Promise<ResolvedAddress[]> {
  const literal = literalAddress(hostname);
  if (literal) return [{ address: literal, family: net.isIPv4(literal) ? 4 : 6 }];
  return resolver(hostname);
}
