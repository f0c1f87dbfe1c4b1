import { describe, expect, it } from "vitest";
import { checkAddress, literalAddress, type NetworkPolicy } from "./address-guard";
import { sendRequest } from "./client";

const closed: NetworkPolicy = { allowPrivateNetwork: false, allowlist: [] };
const verdict = (address: string, policy = closed) => checkAddress(address, policy);
const hostOf = (url: string) => literalAddress(new URL(url).hostname);

describe("SSRF guard verdicts (no traffic sent)", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.10.1", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:7f00:1::", "loopback"],
    ["::127.0.0.1", "loopback"],
  ])("refuses %s as %s", (address, cls) => {
    expect(verdict(address)).toMatchObject({ class: cls, allowed: false });
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::6810:84e5", "::ffff:8.8.8.8", "172.32.0.1", "100.128.0.1"])(
    "lets the public address %s through",
    (address) => {
      expect(verdict(address)).toMatchObject({ class: "public", allowed: true });
    },
  );

  it("sees through decimal, hex and octal IPv4 literals and bracketed IPv6 in URLs", () => {
    for (const url of [
      "http://2130706433/",
      "http://0x7f000001/",
      "http://0x7f.0.0.1/",
      "http://0177.0.0.1/",
      "http://017700000001/",
      "http://127.1/",
      "http://127.0.0.1./",
    ]) {
      expect(verdict(hostOf(url)!)).toMatchObject({ class: "loopback", allowed: false });
    }
    expect(verdict(hostOf("http://0xa9fea9fe/")!)).toMatchObject({ class: "metadata" });
    expect(verdict(hostOf("http://0/")!)).toMatchObject({ class: "unspecified", allowed: false });
    expect(verdict(hostOf("http://[::ffff:127.0.0.1]:8080/")!)).toMatchObject({ class: "loopback", allowed: false });
    expect(hostOf("https://api.example.com/")).toBeNull();
  });

  it("allows private addresses when the operator allows private networks or lists their range", () => {
    expect(verdict("10.1.2.3", { allowPrivateNetwork: true, allowlist: [] }).allowed).toBe(true);
    const erp: NetworkPolicy = {
      allowPrivateNetwork: false,
      allowlist: [
        { address: "10.20.0.0", prefix: 16, family: "ipv4" },
        { address: "fd12::", prefix: 64, family: "ipv6" },
      ],
    };
    expect(verdict("10.20.3.4", erp).allowed).toBe(true);
    expect(verdict("::ffff:10.20.3.4", erp).allowed).toBe(true);
    expect(verdict("::ffff:0:10.20.3.4", erp).allowed).toBe(true);
    expect(verdict("::ffff:0:10.21.3.4", erp).allowed).toBe(false);
    expect(verdict("fd12::7", erp).allowed).toBe(true);
    expect(verdict("10.21.0.1", erp).allowed).toBe(false);
    expect(verdict("169.254.169.254", erp).allowed).toBe(false);
  });

  it("refuses a hostname that resolves to loopback before connecting, naming the reason", async () => {
    const resolved: string[] = [];
    const resolver = async (host: string) => {
      resolved.push(host);
      return [{ address: "127.0.0.1", family: 4 as const }];
    };
    await expect(sendRequest({ url: "https://rebind.example.test/x", policy: closed, resolver })).rejects.toMatchObject({
      kind: "blocked",
      message: expect.stringContaining("loopback"),
    });
    expect(resolved).toEqual(["rebind.example.test"]);
  });

  it("refuses localhost as the system resolver answers it", async () => {
    await expect(sendRequest({ url: "http://localhost:1/", policy: closed })).rejects.toMatchObject({ kind: "blocked" });
  });

  it("refuses a host when any one of its addresses is refused", async () => {
    const resolver = async () => [
      { address: "93.184.215.14", family: 4 as const },
      { address: "169.254.169.254", family: 4 as const },
    ];
    await expect(sendRequest({ url: "https://mixed.example.test/", policy: closed, resolver })).rejects.toMatchObject({
      kind: "blocked",
      message: expect.stringContaining("metadata"),
    });
  });

  it("refuses IP literals in URLs without resolving them", async () => {
    const resolver = async () => {
      throw new Error("must not resolve");
    };
    for (const url of ["http://127.0.0.1:1/", "http://[::1]:1/", "http://2130706433:1/", "http://169.254.169.254/latest/meta-data/"]) {
      await expect(sendRequest({ url, policy: closed, resolver })).rejects.toMatchObject({ kind: "blocked" });
    }
  });
});
