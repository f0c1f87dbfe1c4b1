import { BlockList, isIP } from "node:net";

/** True when the list is empty (any address) or the address falls in one of its CIDRs. */
export function ipAllowed(allowlist: string[], ip: string | null): boolean {
  if (allowlist.length === 0) return true;
  if (!ip) return false;
  const address = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address);
  if (!family) return false;
  const list = new BlockList();
  for (const entry of allowlist) {
    const [net, bits] = entry.split("/");
    const entryFamily = isIP(net!);
    if (!entryFamily) continue;
    const type = entryFamily === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(net!, type);
    else list.addSubnet(net!, Number(bits), type);
  }
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
