import { describe, expect, it } from "vitest";
import { checkAddress, IPV4_SPECIAL_PURPOSE, IPV6_SPECIAL_PURPOSE, type AddressClass, type NetworkPolicy } from "./address-guard";

const closed: NetworkPolicy = { allowPrivateNetwork: false, allowlist: [] };

// Each entry of the IANA special-purpose registries, as the registry gives it (block, globally
// reachable, N/A as null), with addresses inside it and the verdict a caller gets.
const IPV4: [string, boolean | null, string[], AddressClass][] = [
  ["0.0.0.0/8", false, ["0.1.2.3", "0.255.255.255"], "unspecified"],
  ["0.0.0.0/32", false, ["0.0.0.0"], "unspecified"],
  ["10.0.0.0/8", false, ["10.0.0.0", "10.255.255.255"], "private"],
  ["100.64.0.0/10", false, ["100.64.0.0", "100.127.255.255"], "private"],
  ["127.0.0.0/8", false, ["127.0.0.1", "127.255.255.254"], "loopback"],
  ["169.254.0.0/16", false, ["169.254.0.1", "169.254.255.255"], "link_local"],
  ["172.16.0.0/12", false, ["172.16.0.0", "172.31.255.255"], "private"],
  ["192.0.0.0/24", false, ["192.0.0.11", "192.0.0.255"], "reserved"],
  ["192.0.0.0/29", false, ["192.0.0.0", "192.0.0.7"], "reserved"],
  ["192.0.0.8/32", false, ["192.0.0.8"], "reserved"],
  ["192.0.0.9/32", true, ["192.0.0.9"], "public"],
  ["192.0.0.10/32", true, ["192.0.0.10"], "public"],
  ["192.0.0.170/32", false, ["192.0.0.170"], "reserved"],
  ["192.0.0.171/32", false, ["192.0.0.171"], "reserved"],
  ["192.0.2.0/24", false, ["192.0.2.1", "192.0.2.255"], "reserved"],
  ["192.31.196.0/24", true, ["192.31.196.1"], "public"],
  ["192.52.193.0/24", true, ["192.52.193.1"], "public"],
  ["192.88.99.0/24", null, ["192.88.99.1", "192.88.99.255"], "reserved"],
  ["192.88.99.2/32", false, ["192.88.99.2"], "reserved"],
  ["192.168.0.0/16", false, ["192.168.0.0", "192.168.255.255"], "private"],
  ["192.175.48.0/24", true, ["192.175.48.1"], "public"],
  ["198.18.0.0/15", false, ["198.18.0.0", "198.19.255.255"], "reserved"],
  ["198.51.100.0/24", false, ["198.51.100.7"], "reserved"],
  ["203.0.113.0/24", false, ["203.0.113.7"], "reserved"],
  ["240.0.0.0/4", false, ["240.0.0.1", "255.255.255.254"], "reserved"],
  ["255.255.255.255/32", false, ["255.255.255.255"], "reserved"],
];

const IPV6: [string, boolean | null, string[], AddressClass][] = [
  ["::1/128", false, ["::1"], "loopback"],
  ["::/128", false, ["::"], "unspecified"],
  // The embedded IPv4 address decides for mapped and translated forms.
  ["::ffff:0:0/96", false, ["::ffff:10.0.0.1", "::ffff:a00:1"], "private"],
  ["64:ff9b::/96", true, ["64:ff9b::8.8.8.8"], "public"],
  ["64:ff9b:1::/48", false, ["64:ff9b:1::8.8.8.8", "64:ff9b:1:ffff::1"], "private"],
  ["100::/64", false, ["100::", "100::ffff:ffff:ffff:ffff"], "reserved"],
  ["100:0:0:1::/64", false, ["100:0:0:1::1"], "reserved"],
  ["2001::/23", false, ["2001:100::1", "2001:1ff:ffff::1"], "reserved"],
  ["2001::/32", null, ["2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"], "reserved"],
  ["2001:1::1/128", true, ["2001:1::1"], "public"],
  ["2001:1::2/128", true, ["2001:1::2"], "public"],
  ["2001:1::3/128", true, ["2001:1::3"], "public"],
  ["2001:2::/48", false, ["2001:2::1"], "reserved"],
  ["2001:3::/32", true, ["2001:3::1"], "public"],
  ["2001:4:112::/48", true, ["2001:4:112::1"], "public"],
  ["2001:10::/28", null, ["2001:10::1", "2001:1f::1"], "reserved"],
  ["2001:20::/28", true, ["2001:20::1"], "public"],
  ["2001:30::/28", true, ["2001:30::1"], "public"],
  ["2001:db8::/32", false, ["2001:db8::1"], "reserved"],
  ["2002::/16", null, ["2002:a00:1::"], "private"],
  ["2620:4f:8000::/48", true, ["2620:4f:8000::1"], "public"],
  ["3fff::/20", false, ["3fff::1", "3fff:fff::1"], "reserved"],
  ["5f00::/16", false, ["5f00::1"], "reserved"],
  ["fc00::/7", false, ["fc00::1", "fdff::1"], "private"],
  ["fe80::/10", false, ["fe80::1", "febf::1"], "link_local"],
];

describe("the address guard follows the IANA special-purpose registries (verdicts only, no traffic)", () => {
  it("lists every registry entry with its globally-reachable flag", () => {
    expect(IPV4_SPECIAL_PURPOSE.map((b) => [b.cidr, b.globallyReachable])).toEqual(IPV4.map(([cidr, reachable]) => [cidr, reachable]));
    expect(IPV6_SPECIAL_PURPOSE.map((b) => [b.cidr, b.globallyReachable])).toEqual(IPV6.map(([cidr, reachable]) => [cidr, reachable]));
    for (const b of [...IPV4_SPECIAL_PURPOSE, ...IPV6_SPECIAL_PURPOSE]) expect(b.rfc).toMatch(/^RFC \d+/);
  });

  it.each([...IPV4, ...IPV6].flatMap(([cidr, , addresses, cls]) => addresses.map((address) => [address, cidr, cls] as const)))(
    "%s (in %s) is %s",
    (address, _cidr, cls) => {
      expect(checkAddress(address, closed)).toMatchObject({ class: cls, allowed: cls === "public" });
    },
  );

  it.each([
    ["::ffff:0:127.0.0.1", "loopback"],
    ["::ffff:0:169.254.169.254", "metadata"],
    ["::ffff:0:10.1.2.3", "private"],
    ["::ffff:0:192.88.99.1", "reserved"],
    ["::ffff:192.88.99.1", "reserved"],
    ["64:ff9b::192.88.99.1", "reserved"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["2002:c058:6301::", "reserved"],
    ["2002:a9fe:a9fe::", "metadata"],
    ["::8.8.8.8", "reserved"],
    ["4000::1", "reserved"],
    ["fec0::1", "private"],
  ])("refuses IPv4 embedded or reserved forms: %s is %s", (address, cls) => {
    expect(checkAddress(address, closed)).toMatchObject({ class: cls, allowed: false });
  });

  it.each(["::ffff:0:8.8.8.8", "64:ff9b::1.1.1.1", "2002:808:808::1", "2a00:1450::1"])("lets %s through as public", (address) => {
    expect(checkAddress(address, closed)).toMatchObject({ class: "public", allowed: true });
  });
});
