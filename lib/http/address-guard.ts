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

/**
 * One row of an address table: the IANA special-purpose registries' entries carry their RFC and
 * "globally reachable" flag; a reachable block is public, any other names the class an admin reads.
 * `embedsV4` marks IPv6 forms carrying an IPv4 address a packet may end up at: the IPv4 part decides.
 */
export type AddressBlock = {
  cidr: string;
  name: string;
  rfc: string;
  /** The registry's "Globally Reachable"; null where it says N/A (deprecated blocks). */
  globallyReachable: boolean | null;
  class: AddressClass;
  embedsV4?: { shift: bigint; deprecated?: true };
};

const block = (
  cidr: string,
  name: string,
  rfc: string,
  globallyReachable: boolean | null,
  cls: AddressClass = globallyReachable ? "public" : "reserved",
  embedsV4?: AddressBlock["embedsV4"],
): AddressBlock => ({ cidr, name, rfc, globallyReachable, class: cls, ...(embedsV4 ? { embedsV4 } : {}) });

/** https://www.iana.org/assignments/iana-ipv4-special-registry, every entry. */
export const IPV4_SPECIAL_PURPOSE: AddressBlock[] = [
  block("0.0.0.0/8", '"This network"', "RFC 791 §3.2", false, "unspecified"),
  block("0.0.0.0/32", '"This host on this network"', "RFC 1122 §3.2.1.3", false, "unspecified"),
  block("10.0.0.0/8", "Private-Use", "RFC 1918", false, "private"),
  block("100.64.0.0/10", "Shared Address Space", "RFC 6598", false, "private"),
  block("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3", false, "loopback"),
  block("169.254.0.0/16", "Link Local", "RFC 3927", false, "link_local"),
  block("172.16.0.0/12", "Private-Use", "RFC 1918", false, "private"),
  block("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1", false),
  block("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", false),
  block("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", false),
  block("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", true),
  block("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", true),
  block("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", false),
  block("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", false),
  block("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", false),
  block("192.31.196.0/24", "AS112-v4", "RFC 7535", true),
  block("192.52.193.0/24", "AMT", "RFC 7450", true),
  block("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", null),
  block("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", false),
  block("192.168.0.0/16", "Private-Use", "RFC 1918", false, "private"),
  block("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", true),
  block("198.18.0.0/15", "Benchmarking", "RFC 2544", false),
  block("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", false),
  block("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", false),
  block("240.0.0.0/4", "Reserved", "RFC 1112 §4", false),
  block("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 §7", false),
];

/** https://www.iana.org/assignments/iana-ipv6-special-registry, every entry. */
export const IPV6_SPECIAL_PURPOSE: AddressBlock[] = [
  block("::1/128", "Loopback Address", "RFC 4291", false, "loopback"),
  block("::/128", "Unspecified Address", "RFC 4291", false, "unspecified"),
  block("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", false, "reserved", { shift: 0n }),
  block("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", true, "public", { shift: 0n }),
  block("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", false, "private"),
  block("100::/64", "Discard-Only Address Block", "RFC 6666", false),
  block("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", false),
  block("2001::/23", "IETF Protocol Assignments", "RFC 2928", false),
  block("2001::/32", "TEREDO", "RFC 4380, RFC 8190", null),
  block("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", true),
  block("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", true),
  block("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", true),
  block("2001:2::/48", "Benchmarking", "RFC 5180, RFC Errata 1752", false),
  block("2001:3::/32", "AMT", "RFC 7450", true),
  block("2001:4:112::/48", "AS112-v6", "RFC 7535", true),
  block("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", null),
  block("2001:20::/28", "ORCHIDv2", "RFC 7343", true),
  block("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", true),
  block("2001:db8::/32", "Documentation", "RFC 3849", false),
  block("2002::/16", "6to4", "RFC 3056", null, "reserved", { shift: 80n }),
  block("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", true),
  block("3fff::/20", "Documentation", "RFC 9637", false),
  block("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", false),
  block("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", false, "private"),
  block("fe80::/10", "Link-Local Unicast", "RFC 4291", false, "link_local"),
];

/**
 * Blocks the special-purpose registries leave to other registries, and the cloud metadata
 * services, which sit inside blocks above but deserve their own name in the refusal.
 */
export const OTHER_BLOCKS: AddressBlock[] = [
  block("224.0.0.0/4", "Multicast", "RFC 5771", false, "multicast"),
  block("169.254.169.254/32", "Cloud metadata service (AWS, GCP, Azure, …)", "RFC 3927", false, "metadata"),
  block("100.100.100.200/32", "Cloud metadata service (Alibaba)", "RFC 6598", false, "metadata"),
  block("fd00:ec2::254/128", "Cloud metadata service (AWS)", "RFC 4193", false, "metadata"),
  block("ff00::/8", "Multicast", "RFC 4291 §2.7", false, "multicast"),
  block("fec0::/10", "Site-local (deprecated)", "RFC 3879", false, "private"),
  // Deprecated, so nothing legitimate uses them, public IPv4 inside or not.
  block("::/96", "IPv4-compatible (deprecated)", "RFC 4291 §2.5.5.1", null, "reserved", { shift: 0n, deprecated: true }),
  block("::ffff:0:0:0/96", "IPv4-translated", "RFC 2765 §2.1", false, "reserved", { shift: 0n }),
  block("2000::/3", "Global Unicast", "RFC 4291 §2.4", true),
  // IPv6 outside global unicast is reserved by the IETF unless a block above says otherwise.
  block("::/0", "Reserved by IETF", "RFC 4291 §2.4", false),
];

type Range = AddressBlock & { bits: 32 | 128; base: bigint; prefix: number };

// The most specific block containing an address decides, as the registries' nested entries mean.
const RANGES: Range[] = [...IPV4_SPECIAL_PURPOSE, ...IPV6_SPECIAL_PURPOSE, ...OTHER_BLOCKS]
  .map((b) => {
    const [address, prefix] = b.cidr.split("/") as [string, string];
    return { ...b, bits: net.isIPv4(address) ? 32 : 128, base: toBigInt(address)!, prefix: Number(prefix) } as Range;
  })
  .sort((a, b) => b.prefix - a.prefix);

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
  const hit = RANGES.find((r) => inRange(value, bits, r));
  if (!hit) return "public";
  if (!hit.embedsV4) return hit.class;
  const cls = classifyValue((value >> hit.embedsV4.shift) & 0xffffffffn, 32);
  return cls === "public" && hit.embedsV4.deprecated ? "reserved" : cls;
}

/** The IPv4 address inside an IPv4-mapped or -translated IPv6 address, so allowlists written in IPv4 still match. */
function unmapped(value: bigint): bigint | null {
  return value >> 32n === 0xffffn || value >> 32n === 0xffff0000n ? value & 0xffffffffn : null;
}

function allowlisted(value: bigint, bits: 32 | 128, allowlist: Cidr[]): boolean {
  const v4 = bits === 128 ? unmapped(value) : null;
  return allowlist.some((c) => {
    const r = { bits: c.family === "ipv4" ? 32 : 128, base: toBigInt(c.address)!, prefix: c.prefix };
    return inRange(value, bits, r) || (v4 !== null && inRange(v4, 32, r));
  });
}

/**
 * Plain http carries credentials and payloads readable on the path, so it is for the networks
 * the operator vouched for: anywhere when private networks are allowed, else allowlisted addresses.
 */
export function plainHttpAllowed(address: string, policy: NetworkPolicy): boolean {
  if (policy.allowPrivateNetwork) return true;
  const bare = address.split("%")[0]!;
  const version = net.isIP(bare);
  return version !== 0 && allowlisted(toBigInt(bare)!, version === 4 ? 32 : 128, policy.allowlist);
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
