// @vitest-environment node
import { describe, expect, it } from "vitest";
import { frameAncestors, securityHeaders } from "@/lib/security-headers";

describe("framing policy", () => {
  it("lets only Pi Browser and the Pi Sandbox frame a build that uses Pi's SDK", () => {
    expect(frameAncestors("https://sdk.minepi.com/pi-sdk.js")).toBe("frame-ancestors 'self' https://app-cdn.minepi.com https://sandbox.minepi.com");
  });

  it("adds the local emulator's origin only when the SDK comes from it", () => {
    expect(frameAncestors("http://127.0.0.1:3314/pi-sdk.js")).toBe(
      "frame-ancestors 'self' https://app-cdn.minepi.com https://sandbox.minepi.com http://127.0.0.1:3314",
    );
    expect(frameAncestors("https://cdn.example/pi-sdk.js")).not.toContain("cdn.example");
  });

  it("is sent with the other security headers", () => {
    expect(securityHeaders("https://sdk.minepi.com/pi-sdk.js").map((h) => h.key)).toEqual(["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]);
  });
});
