// @vitest-environment node
import { describe, expect, it } from "vitest";
import { clientAddress, countedNetwork } from "@/lib/limits/client-address";

const headers = (values: Record<string, string>) => new Headers(values);
const forged = headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1", "x-real-ip": "6.6.6.6" });

describe("the client address used for sign-in limits", () => {
  it("trusts no header on a server that is not behind a known proxy", () => {
    expect(clientAddress(forged, { onVercel: false, trustProxy: false })).toBeNull();
  });

  it("takes Vercel's own X-Real-IP on Vercel", () => {
    expect(clientAddress(headers({ "x-real-ip": "1.2.3.4", "x-forwarded-for": "9.9.9.9" }), { onVercel: true, trustProxy: false })).toBe("1.2.3.4");
  });

  it("behind a trusted proxy, takes the hop the proxy appended, not what the client wrote first", () => {
    expect(clientAddress(forged, { onVercel: false, trustProxy: true })).toBe("10.0.0.1");
    expect(clientAddress(headers({}), { onVercel: false, trustProxy: true })).toBeNull();
  });

  it("counts an IPv6 client by its /64, so new addresses from one subscriber's block share one counter", () => {
    const vercel = { onVercel: true, trustProxy: false };
    const first = clientAddress(headers({ "x-real-ip": "2001:db8:1:2::1" }), vercel);
    const second = clientAddress(headers({ "x-real-ip": "2001:0db8:0001:0002:ffff:1234:abcd:9" }), vercel);
    expect(first).toBe("2001:db8:1:2::/64");
    expect(second).toBe(first);
    expect(clientAddress(headers({ "x-real-ip": "2001:db8:1:3::1" }), vercel)).not.toBe(first);
  });
});

describe("the network a sign-in is counted by", () => {
  it("keeps an IPv4 address whole", () => {
    expect(countedNetwork("203.0.113.7")).toBe("203.0.113.7");
  });

  it("leaves out a port a proxy wrote beside the address, so each connection does not count apart", () => {
    expect(countedNetwork("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(countedNetwork("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
  });

  it("reads an IPv4 client behind an IPv6 socket as that IPv4 client", () => {
    expect(countedNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(countedNetwork("::ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("takes the /64 of every way of writing an IPv6 address", () => {
    for (const written of ["2001:db8::1", "[2001:db8::1]", "2001:DB8:0:0:0:0:0:1", "fe80::1%eth0".replace("fe80", "2001:db8")]) {
      expect(countedNetwork(written)).toBe("2001:db8:0:0::/64");
    }
    expect(countedNetwork("::1")).toBe("0:0:0:0::/64");
    expect(countedNetwork("64:ff9b:1:2::192.0.2.1")).toBe("64:ff9b:1:2::/64");
  });
});
