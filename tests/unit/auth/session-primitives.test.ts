// @vitest-environment node
import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readSessionCookie, sessionCookie, sessionCookieName } from "@/lib/auth/cookie";
import { addressedOrigin, isStateChanging, isTrustedOrigin } from "@/lib/auth/origin";
import { createSessionToken, hashSessionToken, looksLikeSessionToken } from "@/lib/auth/tokens";

const secret = "s".repeat(32);

describe("session tokens", () => {
  it("are random, URL-safe and recognisable", () => {
    const tokens = new Set(Array.from({ length: 100 }, createSessionToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(looksLikeSessionToken(token)).toBe(true);
    expect(looksLikeSessionToken("short")).toBe(false);
    expect(looksLikeSessionToken(`${createSessionToken()}'; drop table sessions; --`)).toBe(false);
  });

  it("are stored as a keyed hash that reveals nothing without the secret", () => {
    const token = createSessionToken();
    const hash = hashSessionToken(token, secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashSessionToken(token, secret)).toBe(hash);
    expect(hashSessionToken(token, "t".repeat(32))).not.toBe(hash);
  });
});

describe("session cookie", () => {
  it("survives the Pi Sandbox iframe: Secure, SameSite=None, Partitioned, HttpOnly, host-only", () => {
    const cookie = sessionCookie("abc", 60);
    expect(cookie.startsWith(`${sessionCookieName}=abc;`)).toBe(true);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=None", "Partitioned", "Path=/", "Max-Age=60"]) {
      expect(cookie).toContain(attribute);
    }
    expect(cookie).not.toMatch(/Domain=/i);
    expect(sessionCookieName.startsWith("__Host-")).toBe(true);
  });

  it("is cleared with the same attributes and reads back from a Cookie header", () => {
    expect(clearedSessionCookie()).toContain("Max-Age=0");
    expect(readSessionCookie(`a=1; ${sessionCookieName}=tok123; b=2`)).toBe("tok123");
    expect(readSessionCookie("a=1")).toBeNull();
    expect(readSessionCookie(null)).toBeNull();
    expect(readSessionCookie(`${sessionCookieName}=`)).toBeNull();
  });
});

describe("origin rule", () => {
  const app = "https://shop.example";
  it("accepts the app's own origin and configured ones", () => {
    expect(isTrustedOrigin(app, app, [])).toBe(true);
    expect(isTrustedOrigin("https://admin.example", app, ["https://admin.example"])).toBe(true);
  });

  it("refuses other, missing and opaque origins", () => {
    expect(isTrustedOrigin("https://evil.example", app, [])).toBe(false);
    expect(isTrustedOrigin("https://shop.example.evil.example", app, [])).toBe(false);
    expect(isTrustedOrigin("http://shop.example", app, [])).toBe(false);
    expect(isTrustedOrigin(null, app, [])).toBe(false);
    expect(isTrustedOrigin("null", app, [])).toBe(false);
  });

  it("takes the app's origin from the host the browser addressed, or the proxy's forwarded one", () => {
    const at = (headers: Record<string, string>) => addressedOrigin(new Request("http://0.0.0.0:3000/api/orders", { headers }));
    expect(at({ host: "shop.example:8443" })).toBe("http://shop.example:8443");
    expect(at({ host: "internal", "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" })).toBe("https://shop.example");
    expect(at({ "x-forwarded-host": "a.example, b.example", "x-forwarded-proto": "https,http" })).toBe("https://a.example");
    expect(at({})).toBe("http://0.0.0.0:3000");
  });

  it("applies to writes only", () => {
    expect(isStateChanging("POST")).toBe(true);
    expect(isStateChanging("delete")).toBe(true);
    expect(isStateChanging("GET")).toBe(false);
    expect(isStateChanging("HEAD")).toBe(false);
  });
});
