// @vitest-environment node
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, frameAncestors, securityHeaders } from "@/lib/security-headers";

const piSdk = "https://sdk.minepi.com/pi-sdk.js";
const emulatorSdk = "http://127.0.0.1:3314/pi-sdk.js";

/** The policy as directive → sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split("; ").map((directive) => {
    const [name = "", ...sources] = directive.split(" ");
    return [name, sources];
  }));
}

describe("framing policy", () => {
  it("lets only Pi Browser and the Pi Sandbox frame a build that uses Pi's SDK", () => {
    expect(frameAncestors(piSdk)).toBe("frame-ancestors https://app-cdn.minepi.com https://sandbox.minepi.com");
  });

  it("adds the local emulator's origin only when the SDK comes from it", () => {
    expect(frameAncestors(emulatorSdk)).toBe("frame-ancestors https://app-cdn.minepi.com https://sandbox.minepi.com http://127.0.0.1:3314");
    expect(frameAncestors("https://cdn.example/pi-sdk.js")).not.toContain("cdn.example");
  });
});

describe("content security policy", () => {
  it("runs only our scripts, the nonced ones and Pi's SDK, with Pi's API as the only other host to call", () => {
    const policy = directives(contentSecurityPolicy({ sdkUrl: piSdk, nonce: "bm9uY2U=", dev: false }));
    expect(policy).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'nonce-bm9uY2U='", "https://sdk.minepi.com"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'", "https://api.minepi.com"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["https://app-cdn.minepi.com", "https://sandbox.minepi.com"],
    });
  });

  it("lets the page call and be framed by the emulator only when the SDK comes from it", () => {
    const policy = directives(contentSecurityPolicy({ sdkUrl: emulatorSdk, nonce: "n", dev: false }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "http://127.0.0.1:3314"]);
    expect(policy["connect-src"]).toEqual(["'self'", "http://127.0.0.1:3314"]);
    expect(policy["frame-ancestors"]).toContain("http://127.0.0.1:3314");
  });

  it("never allows inline scripts without the nonce, or eval outside development", () => {
    const production = contentSecurityPolicy({ sdkUrl: piSdk, nonce: "n", dev: false });
    expect(directives(production)["script-src"]).not.toContain("'unsafe-inline'");
    expect(production).not.toContain("unsafe-eval");
    expect(production).not.toContain("*");
    expect(directives(contentSecurityPolicy({ sdkUrl: piSdk, nonce: "n", dev: true }))["script-src"]).toContain("'unsafe-eval'");
  });
});

describe("other security headers", () => {
  const byName = (production: boolean) => Object.fromEntries(securityHeaders({ production }).map((h) => [h.key, h.value]));

  it("sends HSTS from a production build only", () => {
    expect(byName(true)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(byName(false)).not.toHaveProperty("Strict-Transport-Security");
  });

  it("forbids MIME sniffing and full referrers", () => {
    expect(byName(true)).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });

  it("denies the features the app does not use, and keeps sharing and copying for itself", () => {
    const features: Record<string, string> = Object.fromEntries((byName(true)["Permissions-Policy"] ?? "").split(", ").map((entry) => entry.split("=") as [string, string]));
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "serial"]) expect(features[feature]).toBe("()");
    expect(features["web-share"]).toBe("(self)");
    expect(features["clipboard-write"]).toBe("(self)");
  });
});
