import { isIPv4, isIPv6 } from "node:net";

/**
 * The client the sign-in limit counts, from a header only where the platform makes it trustworthy:
 * Vercel sets X-Real-IP itself; behind your own proxy (TRUST_PROXY=true) the last X-Forwarded-For hop
 * is the one your proxy appended. Elsewhere any client could forge the header, so there is none (null).
 */
export function clientAddress(headers: Headers, trust: { onVercel: boolean; trustProxy: boolean }): string | null {
  let address: string | null = null;
  if (trust.onVercel) address = headers.get("x-real-ip")?.trim() || headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  else if (trust.trustProxy) address = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  return address === null ? null : countedNetwork(address);
}

/**
 * An IPv4 address as it is; an IPv6 address as its /64, the block one subscriber usually holds,
 * or a client could take a new address from it for every request and never reach the limit.
 */
export function countedNetwork(address: string): string {
  // Some proxies write the client's port too ("[v6]:443", "1.2.3.4:5678"); a zone id names a local interface.
  const bare = address
    .replace(/^\[(.*)\](?::\d+)?$/, "$1")
    .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, "$1")
    .replace(/%.*$/, "");
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare);
  // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 client.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, `::` and a trailing dotted quad expanded. */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part === ""
      ? []
      : part.split(":").flatMap((piece) => {
          if (!piece.includes(".")) return [parseInt(piece, 16)];
          const [a, b, c, d] = piece.split(".").map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = "", tail] = address.split("::");
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
