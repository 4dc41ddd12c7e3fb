/**
 * Private addresses: loopback, link-local, private, unspecified and multicast ranges, which a
 * network capability reaches only when its pattern names the host explicitly.
 *
 * A module of its own, imported when a URL is first authorized: `node:net` and the streams it
 * loads cost a few milliseconds of start-up that a program making no request should not pay.
 */
import { BlockList, isIP } from "node:net";

export { isIP };

const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3],
] as const) {
  privateRanges.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) {
  privateRanges.addSubnet(net, bits, "ipv6");
}

/** Whether an IP address is loopback, link-local, private, unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return privateRanges.check(mapped[1]!, "ipv4");
    return privateRanges.check(address, "ipv6");
  }
  return true; // not an address at all: treat as unsafe
}
