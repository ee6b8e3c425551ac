// @vitest-environment node
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/limits/client-address";

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
});
